using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tests.Wandb;

/// <summary>
/// Network and auth faults, in process against a real HTTP fake, on the fake clock that drives the resilience
/// pipeline's backoff, Retry-After waits and timeouts: a 2 s wait costs the test no real waiting. The process path is
/// covered by <see cref="WandbSetupTests"/>.
/// </summary>
public sealed class WandbFaultTests : IAsyncLifetime
{
    private FakeWandbServer _wandb = null!;

    public async ValueTask InitializeAsync() => _wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync() => await _wandb.DisposeAsync();

    private async Task<InProcessServer> StartAsync(Action<Dictionary<string, string?>>? tweak = null)
    {
        var settings = InProcessServer.WandbSettings(_wandb);
        settings[Mcp.Wandb.WandbApiKeyProvider.NetrcSetting] = "/nonexistent/netrc"; // never the machine's own
        tweak?.Invoke(settings);
        var server = await InProcessServer.StartAsync(settings);
        _wandb.Clock = server.Time; // request times on the server's clock: the gaps between them are its waits
        return server;
    }

    /// <summary>
    /// list_recent_runs, moving the clock on whenever the server waits only on time: by default once W&amp;B has answered
    /// and nothing is in flight (a backoff or a Retry-After wait).
    /// </summary>
    /// <param name="server">The server.</param>
    /// <param name="waiting">When the clock may move; by default once W&amp;B has answered and nothing is in flight.</param>
    /// <param name="limit">How far the clock may move in all: a wait that should have ended by then fails the test instead.</param>
    private Task<CallToolResult> ListAsync(InProcessServer server, Func<bool>? waiting = null, double limit = 60) =>
        server.AdvanceUntilAsync(server.CallAsync("list_recent_runs"), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(limit),
            waiting ?? (() => _wandb.AskedAndIdle));

    private TimeSpan GapBetweenRequests => _wandb.Requests[1].At - _wandb.Requests[0].At;

    [Fact]
    public async Task Two_503s_then_an_answer_succeeds()
    {
        await using var server = await StartAsync();
        _wandb.EnqueueStatus(503);
        _wandb.EnqueueStatus(503);
        var result = await ListAsync(server);
        Assert.Equal(4, result.Structured().GetProperty("runs").GetArrayLength());
        Assert.Equal([503, 503, 200], _wandb.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out()
    {
        await using var server = await StartAsync();
        _wandb.EnqueueStatus(429, """{"error":"rate limit exceeded"}""", retryAfter: "2");
        var result = await ListAsync(server);
        Assert.Equal(4, result.Structured().GetProperty("runs").GetArrayLength());
        Assert.Equal([429, 200], _wandb.Requests.Select(r => r.Status));
        // The base delay is 0.05 s and the clock moves 0.25 s a step, so a 2 s gap on the server's clock is Retry-After's.
        Assert.True(GapBetweenRequests.TotalSeconds >= 2, $"retried after {GapBetweenRequests.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task A_429_with_only_RateLimit_Reset_is_waited_out_too()
    {
        await using var server = await StartAsync();
        _wandb.EnqueueStatus(429, """{"error":"rate limit exceeded"}""", rateLimitReset: "2");
        var result = await ListAsync(server);
        Assert.Equal(4, result.Structured().GetProperty("runs").GetArrayLength());
        Assert.Equal([429, 200], _wandb.Requests.Select(r => r.Status));
        Assert.True(GapBetweenRequests.TotalSeconds >= 2, $"retried after {GapBetweenRequests.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task Rate_limiting_that_outlasts_the_budget_says_so()
    {
        await using var server = await StartAsync(s => s["Wandb:TimeoutSeconds"] = "1.5");
        for (var i = 0; i < 10; i++)
        {
            _wandb.EnqueueStatus(429, """{"error":"rate limit exceeded"}""", retryAfter: "1");
        }

        var text = (await ListAsync(server)).ErrorText();
        Assert.Contains("rate limit", text, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(_wandb.Requests.Count, 1, 3); // a 1 s wait each, within a 1.5 s budget
    }

    [Fact]
    public async Task A_401_is_not_retried_and_names_the_fix()
    {
        await using var server = await StartAsync(s => s["Wandb:ApiKey"] = "local-wrongkey0123456789012345678901234567890123456789");
        var text = (await ListAsync(server)).ErrorText();
        Assert.Single(_wandb.Requests);
        Assert.Contains("401", text);
        Assert.Contains("WANDB_API_KEY", text);
        Assert.DoesNotContain("wrongkey", text);
    }

    [Fact]
    public async Task A_hung_server_cannot_outlast_the_time_budget()
    {
        await using var server = await StartAsync(s =>
        {
            s["Wandb:TimeoutSeconds"] = "2";
            s["Wandb:AttemptTimeoutSeconds"] = "1";
        });
        using var hang = _wandb.HangAll();
        var real = Stopwatch.StartNew();
        // Every request hangs: once asked, only time moves it on. The clock stops at 3 s, so the call ends only if the
        // 2 s budget covers the hung attempts (else the harness gives up and the test fails).
        var text = (await ListAsync(server, () => _wandb.Asked, limit: 3)).ErrorText();
        Assert.Contains("did not answer within 2 s", text);
        Assert.Contains("Wandb:TimeoutSeconds", text);
        Assert.InRange(real.Elapsed.TotalSeconds, 0, 10);
    }

    [Fact]
    public async Task No_key_names_both_ways_to_provide_one_and_sends_nothing()
    {
        await using var server = await StartAsync(s => s.Remove("Wandb:ApiKey"));
        var text = (await ListAsync(server)).ErrorText();
        Assert.Contains("WANDB_API_KEY", text);
        Assert.Contains("wandb login", text);
        Assert.Empty(_wandb.Requests);
    }

    [Fact]
    public async Task A_non_GraphQL_answer_is_reported_as_malformed()
    {
        await using var server = await StartAsync();
        _wandb.EnqueueStatus(200, "<html>captive portal</html>");
        var text = (await ListAsync(server)).ErrorText();
        Assert.Contains("not a GraphQL response", text);
        Assert.Contains("WANDB_BASE_URL", text);
    }

    [Fact]
    public async Task An_unreachable_server_names_the_setting()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        await using var server = await StartAsync(s => s["Wandb:BaseUrl"] = $"http://127.0.0.1:{port}");
        var text = (await ListAsync(server, () => true)).ErrorText(); // refused at once: only the backoff waits (the budget is 20 s)
        Assert.Contains($"127.0.0.1:{port}", text);
        Assert.Contains("WANDB_BASE_URL", text);
    }
}
