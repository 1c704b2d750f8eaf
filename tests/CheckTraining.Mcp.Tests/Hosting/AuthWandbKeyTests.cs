using System.Net;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>Http:Auth:Mode=wandb-key: each caller's own W&amp;B key is its bearer token, and its reads use it. The server has no key.</summary>
public sealed class AuthWandbKeyTests : IAsyncLifetime
{
    private FakeWandbServer _wandb = null!;

    public async ValueTask InitializeAsync() => _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync() => await _wandb.DisposeAsync();

    /// <summary>The fake W&amp;B's settings, with no server-side key at all.</summary>
    private Task<HttpServerProcess> StartAsync(params string[] args)
    {
        var env = McpServerProcess.WandbEnvironment(_wandb);
        env.Remove("WANDB_API_KEY");
        env["CHECKTRAINING_Cache__TtlSeconds"] = "60";
        return HttpServerProcess.StartAsync(env, ["--Http:Auth:Mode=wandb-key", .. args]);
    }

    private static Task<McpClient> ConnectAsync(HttpServerProcess server, string key) => TeamClients.ConnectAsync(server.Url, key);

    [Fact]
    public async Task Each_caller_reads_with_its_own_key_checked_once_and_is_audited_as_its_W_and_B_user()
    {
        await using var server = await StartAsync();
        await using var first = await ConnectAsync(server, FakeWandbServer.ApiKey);
        await using var second = await ConnectAsync(server, FakeWandbServer.OtherApiKey);
        var a = await first.CallToolAsync("list_recent_runs", cancellationToken: TestContext.Current.CancellationToken);
        var b = await second.CallToolAsync("get_run_metrics", new Dictionary<string, object?> { ["run"] = FinishedRunId },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, a.IsError);
        Assert.NotEqual(true, b.IsError);

        var requests = _wandb.Requests;
        Assert.All(requests, r => Assert.NotNull(r.ApiKey)); // nothing was read without a caller's key
        Assert.Contains(requests, r => r.OperationName == "CheckTrainingRecentRuns" && r.ApiKey == FakeWandbServer.ApiKey);
        Assert.Contains(requests, r => r.OperationName == "CheckTrainingRun" && r.ApiKey == FakeWandbServer.OtherApiKey);
        Assert.DoesNotContain(requests, r => r.OperationName == "CheckTrainingRecentRuns" && r.ApiKey == FakeWandbServer.OtherApiKey);
        // Several HTTP requests per client (initialize, initialized, tools/call), one viewer check per key.
        Assert.Equal(1, requests.Count(r => r.OperationName == "CheckTrainingCaller" && r.ApiKey == FakeWandbServer.ApiKey));
        Assert.Equal(1, requests.Count(r => r.OperationName == "CheckTrainingCaller" && r.ApiKey == FakeWandbServer.OtherApiKey));

        var audit = await AuditLines.WaitForAsync(server, 2);
        Assert.Contains(audit, l => l.GetProperty("caller").GetString() == "wandb:shinewave"
                                    && l.GetProperty("tool").GetString() == "list_recent_runs");
        Assert.Contains(audit, l => l.GetProperty("caller").GetString() == "wandb:colleague");
        Assert.DoesNotContain(server.StderrLines, l => l.Contains(FakeWandbServer.ApiKey, StringComparison.Ordinal)
                                                       || l.Contains(FakeWandbServer.OtherApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rejected_key_gets_401_at_the_door_nothing_is_read_and_the_refusal_is_remembered_briefly()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient();
        var refused = await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, "not-a-wandb-key"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString());
        var again = await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, "not-a-wandb-key"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        var anonymous = await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("bearer token", await anonymous.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        var requests = _wandb.Requests;
        Assert.Equal(["CheckTrainingCaller"], requests.Select(r => r.OperationName)); // one check, no read
        Assert.Empty(AuditLines.Of(server));
        Assert.DoesNotContain(server.StderrLines, l => l.Contains("not-a-wandb-key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_W_and_B_cannot_be_reached_a_key_gets_503_and_is_not_judged()
    {
        await using var server = await StartAsync("--Wandb:MaxRetries=0");
        using var http = new HttpClient();
        _wandb.EnqueueStatus(503);
        var unavailable = await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, FakeWandbServer.ApiKey), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.NotNull(unavailable.Headers.RetryAfter);
        var later = await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, FakeWandbServer.ApiKey), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task The_rate_limit_is_per_caller_one_key_spent_does_not_stop_another()
    {
        await using var server = await StartAsync("--Http:RateLimit:PerMinute=3");
        using var http = new HttpClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, FakeWandbServer.ApiKey), TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        var other = await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, FakeWandbServer.OtherApiKey), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
