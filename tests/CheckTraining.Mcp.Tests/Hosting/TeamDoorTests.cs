using System.Net;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>
/// wandb-key mode's door, as a team server ships (cache on, the per-caller and the door limits at their defaults): a fake
/// W&amp;B that knows a team member and a stranger, the fake modal recording every command.
/// </summary>
public sealed class TeamDoorTests : IAsyncLifetime
{
    private readonly string _checkpoints = Directory.CreateTempSubdirectory("ct-door-").FullName;
    private FakeWandbServer _wandb = null!;
    private FakeModal _modal = null!;

    public async ValueTask InitializeAsync()
    {
        _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        _modal = new FakeModal(DateTimeOffset.UtcNow);
    }

    public async ValueTask DisposeAsync()
    {
        await _wandb.DisposeAsync();
        _modal.Dispose();
        Directory.Delete(_checkpoints, recursive: true);
    }

    private Task<HttpServerProcess> StartAsync(params string[] args)
    {
        var env = McpServerProcess.WandbEnvironment(_wandb);
        env.Remove("WANDB_API_KEY");
        env["CHECKTRAINING_Cache__TtlSeconds"] = "60"; // as it ships
        foreach (var (k, v) in _modal.ServerEnvironment(_checkpoints))
        {
            env[k] = v;
        }

        return HttpServerProcess.StartAsync(env, ["--Http:Auth:Mode=wandb-key", .. args]);
    }

    private static Task<McpClient> ConnectAsync(HttpServerProcess server, string key) => TeamClients.ConnectAsync(server.Url, key);

    [Fact]
    public async Task A_stranger_with_a_valid_W_and_B_key_gets_403_at_the_door_audited_and_no_Modal_command_runs()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();
        var refused = await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, FakeWandbServer.StrangerApiKey), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("'stranger' is not a member of shinewave", body);
        Assert.Contains("Http:Auth:AllowedEntities", body);

        // A team member's client works, including Modal: the stranger's refusal ran nothing.
        await using var member = await ConnectAsync(server, FakeWandbServer.OtherApiKey);
        Assert.Empty(_modal.OwnInvocations);
        var apps = await member.CallToolAsync("get_app_status", cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, apps.IsError);
        Assert.NotEmpty(_modal.OwnInvocations);

        Assert.Equal([FakeWandbServer.StrangerApiKey], _wandb.Requests.Where(r => r.ApiKey == FakeWandbServer.StrangerApiKey).Select(r => r.ApiKey));
        var audit = await AuditLines.WaitForAsync(server, 2);
        Assert.Contains(audit, l => l.GetProperty("caller").GetString() == "wandb:stranger" && l.GetProperty("outcome").GetString() == "forbidden");
        Assert.DoesNotContain(server.StderrLines, l => l.Contains(FakeWandbServer.StrangerApiKey, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("get_app_status", "{}")]
    [InlineData("get_run_logs", """{"run":"RUN","source":"modal"}""")]
    [InlineData("pull_checkpoint", """{"run":"RUN"}""")]
    [InlineData("check_training", """{"run":"RUN"}""")]
    public async Task A_stranger_calling_a_tool_directly_gets_403_audited_and_nothing_runs(string tool, string arguments)
    {
        // Stateless, so a tools/call needs no session: the stranger skips initialize and goes straight for the team's data.
        await using var server = await StartAsync("--Http:Stateless=true");
        using var http = new HttpClient();
        var call = new HttpRequestMessage(HttpMethod.Post, server.Url + "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"TOOL","arguments":ARGS}}"""
                    .Replace("TOOL", tool, StringComparison.Ordinal).Replace("ARGS", arguments.Replace("RUN", SeedRunId, StringComparison.Ordinal), StringComparison.Ordinal),
                System.Text.Encoding.UTF8, "application/json"),
        };
        call.Headers.Accept.ParseAdd("application/json");
        call.Headers.Accept.ParseAdd("text/event-stream");
        call.Headers.Authorization = new("Bearer", FakeWandbServer.StrangerApiKey);
        using var refused = await http.SendAsync(call, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(_modal.OwnInvocations);
        // One viewer query judged the key; no run, history or file was read with it.
        Assert.All(_wandb.Requests.Where(r => r.ApiKey == FakeWandbServer.StrangerApiKey), r => Assert.Equal("CheckTrainingCaller", r.OperationName));
        var audit = await AuditLines.WaitForAsync(server);
        Assert.Equal(("wandb:stranger", "forbidden"), (audit[0].GetProperty("caller").GetString(), audit[0].GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task In_wandb_key_mode_completion_reads_the_runs_with_the_callers_own_key()
    {
        await using var server = await StartAsync();
        await using var member = await ConnectAsync(server, FakeWandbServer.OtherApiKey);
        var values = (await member.CompleteAsync(new PromptReference { Name = "check-training" }, "request", "",
            cancellationToken: TestContext.Current.CancellationToken)).Completion.Values;

        Assert.Contains(SeedRunId, values); // the run names came back: the read had a key, the caller's
        Assert.Contains(_wandb.Requests, r => r.OperationName != "CheckTrainingCaller" && r.ApiKey == FakeWandbServer.OtherApiKey);
        Assert.DoesNotContain(server.StderrLines, l => l.Contains("Completion without run names", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sixty_made_up_keys_from_one_address_cost_at_most_twenty_W_and_B_requests_and_then_429_with_Retry_After()
    {
        await using var server = await StartAsync();
        await using var member = await ConnectAsync(server, FakeWandbServer.ApiKey); // known good before the spray
        using var http = new HttpClient();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            using var response = await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, $"made-up-key-{i:D2}-0123456789012345678901234567"),
                TestContext.Current.CancellationToken);
            return (response.StatusCode, response.Headers.RetryAfter);
        }));

        Assert.InRange(_wandb.Requests.Count(r => r.ApiKey is null), 1, 20); // made-up keys are unknown to the fake
        // The member's first connection spent one permit (its key was not yet known good): 19 left for the spray.
        Assert.Equal(19, statuses.Count(s => s.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(41, statuses.Count(s => s.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.All(statuses.Where(s => s.StatusCode == HttpStatusCode.TooManyRequests), s => Assert.NotNull(s.RetryAfter));

        // A key already known good is not stopped by the address's spent door budget; an unknown one waits.
        var listed = await member.CallToolAsync("list_recent_runs", cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, listed.IsError);
        var unknown = await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, FakeWandbServer.OtherApiKey), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, unknown.StatusCode);
    }

    [Fact]
    public async Task One_W_and_B_user_with_two_keys_has_one_rate_limit_budget()
    {
        const string secondKeyOfTheSameUser = "local-secondkey23456789012345678901234567890123456789";
        _wandb.Data.Keys[secondKeyOfTheSameUser] = new FakeViewer("VXNlcjox", "shinewave");
        await using var server = await StartAsync("--Http:RateLimit:PerMinute=3");
        using var http = new HttpClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var key in new[] { FakeWandbServer.ApiKey, secondKeyOfTheSameUser, FakeWandbServer.ApiKey, secondKeyOfTheSameUser })
        {
            statuses.Add((await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, key), TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var colleague = await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, FakeWandbServer.OtherApiKey), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, colleague.StatusCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task X_Forwarded_For_names_the_client_only_when_the_peer_is_a_trusted_proxy(bool trusted)
    {
        await using var server = await StartAsync(["--Http:RateLimit:UnauthenticatedPerMinute=2", .. trusted ? new[] { "--Http:TrustedProxies=127.0.0.1" } : []]);
        using var http = new HttpClient();
        async Task<HttpStatusCode> MadeUpFrom(string client, int i)
        {
            var request = AuditAndRateLimitTests.Initialize(server.Url, $"made-up-key-{i:D2}-0123456789012345678901234567");
            request.Headers.Add("X-Forwarded-For", client);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MadeUpFrom("203.0.113.7", 1));
        Assert.Equal(HttpStatusCode.Unauthorized, await MadeUpFrom("203.0.113.7", 2));
        Assert.Equal(HttpStatusCode.TooManyRequests, await MadeUpFrom("203.0.113.7", 3));
        // Another client behind the proxy has its own budget; from an untrusted peer the header is ignored.
        Assert.Equal(trusted ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, await MadeUpFrom("203.0.113.8", 4));
    }

    [Fact]
    public async Task Beyond_loopback_wandb_key_refuses_to_start_without_a_team()
    {
        var env = McpServerProcess.WandbEnvironment(_wandb);
        env.Remove("WANDB_API_KEY");
        env["WANDB_ENTITY"] = null;
        var (exitCode, stderr) = await RefusedStart.RunAsync(env, "--Http:Auth:Mode=wandb-key", $"--Http:Url=http://0.0.0.0:{HttpServerProcess.FreePort()}");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Http:Auth:AllowedEntities", stderr);
        Assert.Contains("Wandb:Entity", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
