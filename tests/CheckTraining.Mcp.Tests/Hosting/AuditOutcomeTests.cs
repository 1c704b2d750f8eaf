using System.Text.Json.Nodes;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>
/// With the result cache on, as it ships, in each auth mode: a repeat within the TTL is served from the cache and still
/// written down (<c>cached</c>), and a refused argument writes <c>invalid-argument</c>, even one the SDK cannot bind.
/// </summary>
public sealed class AuditOutcomeTests : IAsyncLifetime
{
    private const string Token = "team-token-0123456789abcdef0123456789abcdef";
    private FakeWandbServer _wandb = null!;
    private TestIssuer _issuer = null!;

    public async ValueTask InitializeAsync()
    {
        _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        _issuer = await TestIssuer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _issuer.DisposeAsync();
        await _wandb.DisposeAsync();
    }

    private async Task<(HttpServerProcess Server, string Bearer)> StartAsync(string mode)
    {
        var env = McpServerProcess.WandbEnvironment(_wandb);
        env["CHECKTRAINING_Cache__TtlSeconds"] = "60";
        switch (mode)
        {
            case "token":
                return (await HttpServerProcess.StartAsync(env, $"--Http:BearerToken={Token}"), Token);
            case "wandb-key":
                env.Remove("WANDB_API_KEY");
                return (await HttpServerProcess.StartAsync(env, "--Http:Auth:Mode=wandb-key"), FakeWandbServer.OtherApiKey);
            default:
                var server = await HttpServerProcess.StartAsync(env, "--Http:Auth:Mode=oauth", $"--Http:Auth:Authority={_issuer.Url}");
                return (server, _issuer.Mint(server.Url + "/mcp", subject: "alice"));
        }
    }

    [Theory]
    [InlineData("token", "token")]
    [InlineData("wandb-key", "wandb:colleague")]
    [InlineData("oauth", "alice")]
    public async Task Two_identical_calls_make_two_audit_lines_and_one_set_of_W_and_B_reads_and_a_bad_argument_is_written_down(string mode, string caller)
    {
        var (server, bearer) = await StartAsync(mode);
        await using var _ = server;
        await using var client = await TeamClients.ConnectAsync(server.Url, bearer);

        var arguments = new Dictionary<string, object?> { ["run"] = FinishedRunId };
        var first = await client.CallToolAsync("get_run_metrics", arguments, cancellationToken: TestContext.Current.CancellationToken);
        var reads = _wandb.Requests.Count(r => r.OperationName != "CheckTrainingCaller");
        var second = await client.CallToolAsync("get_run_metrics", arguments, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, first.IsError);
        Assert.Equal(first.Structured().GetRawText(), second.Structured().GetRawText());
        Assert.Equal(reads, _wandb.Requests.Count(r => r.OperationName != "CheckTrainingCaller")); // the repeat read nothing

        var refused = await client.CallToolAsync("list_recent_runs", new Dictionary<string, object?> { ["limit"] = "abc" },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(refused.IsError);

        // Arguments the SDK cannot even bind (an array) are refused before any tool filter runs: written down all the same.
        await Assert.ThrowsAsync<McpProtocolException>(() => client.SendRequestAsync(new JsonRpcRequest
        {
            Method = RequestMethods.ToolsCall,
            Params = JsonNode.Parse("""{"name":"get_run_metrics","arguments":[1,2]}"""),
        }, TestContext.Current.CancellationToken));

        var audit = await AuditLines.WaitForAsync(server, 4);
        Assert.Equal(["ok", "cached", "invalid-argument", "invalid-argument"], audit.Select(l => l.GetProperty("outcome").GetString()));
        Assert.Equal("get_run_metrics", audit[3].GetProperty("tool").GetString());
        Assert.Equal(0, audit[3].GetProperty("wandbRequests").GetInt32());
        Assert.All(audit, l => Assert.Equal(caller, l.GetProperty("caller").GetString()));
        Assert.Equal(0, audit[1].GetProperty("wandbRequests").GetInt32());
    }
}
