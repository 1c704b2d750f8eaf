using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Wandb;

/// <summary>Network and auth faults, each through a real server process against a real HTTP fake.</summary>
public sealed class WandbFaultTests : IAsyncLifetime
{
    private FakeWandbServer _wandb = null!;

    public async ValueTask InitializeAsync() => _wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync() => await _wandb.DisposeAsync();

    private async Task<McpServerProcess> StartAsync(Action<Dictionary<string, string?>>? tweak = null)
    {
        var env = McpServerProcess.WandbEnvironment(_wandb);
        tweak?.Invoke(env);
        return await McpServerProcess.StartAsync(env);
    }

    private static Task<ModelContextProtocol.Protocol.CallToolResult> ListAsync(McpServerProcess server) =>
        server.CallAsync("list_recent_runs", null, TestContext.Current.CancellationToken);

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
        var clock = Stopwatch.StartNew();
        var result = await ListAsync(server);
        Assert.Equal(4, result.Structured().GetProperty("runs").GetArrayLength());
        var requests = _wandb.Requests;
        Assert.Equal([429, 200], requests.Select(r => r.Status));
        // Base delay is 0.05 s in tests, so a ~2 s gap can only come from Retry-After.
        Assert.True((requests[1].At - requests[0].At).TotalSeconds >= 1.9, $"retried after {(requests[1].At - requests[0].At).TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task A_429_with_only_RateLimit_Reset_is_waited_out_too()
    {
        await using var server = await StartAsync();
        _wandb.EnqueueStatus(429, """{"error":"rate limit exceeded"}""", rateLimitReset: "2");
        var result = await ListAsync(server);
        Assert.Equal(4, result.Structured().GetProperty("runs").GetArrayLength());
        var requests = _wandb.Requests;
        Assert.True((requests[1].At - requests[0].At).TotalSeconds >= 1.9, $"retried after {(requests[1].At - requests[0].At).TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task Rate_limiting_that_outlasts_the_budget_says_so()
    {
        await using var server = await StartAsync(env => env["CHECKTRAINING_Wandb__TimeoutSeconds"] = "1.5");
        for (var i = 0; i < 10; i++)
        {
            _wandb.EnqueueStatus(429, """{"error":"rate limit exceeded"}""", retryAfter: "1");
        }

        var text = (await ListAsync(server)).ErrorText();
        Assert.Contains("rate limit", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_401_is_not_retried_and_names_the_fix()
    {
        await using var server = await StartAsync(env => env["WANDB_API_KEY"] = "local-wrongkey0123456789012345678901234567890123456789");
        var text = (await ListAsync(server)).ErrorText();
        Assert.Single(_wandb.Requests);
        Assert.Contains("401", text);
        Assert.Contains("WANDB_API_KEY", text);
        Assert.DoesNotContain("wrongkey", text);
        Assert.DoesNotContain("wrongkey", server.Stderr);
    }

    [Fact]
    public async Task A_hung_server_cannot_outlast_the_time_budget()
    {
        await using var server = await StartAsync(env =>
        {
            env["CHECKTRAINING_Wandb__TimeoutSeconds"] = "2";
            env["CHECKTRAINING_Wandb__AttemptTimeoutSeconds"] = "1";
        });
        using var hang = _wandb.HangAll();
        var clock = Stopwatch.StartNew();
        var text = (await ListAsync(server)).ErrorText();
        Assert.Contains("did not answer within 2 s", text);
        Assert.Contains("Wandb:TimeoutSeconds", text);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.5, 8);
    }

    [Fact]
    public async Task No_key_names_both_ways_to_provide_one_and_sends_nothing()
    {
        await using var server = await StartAsync(env => env["WANDB_API_KEY"] = null);
        var text = (await ListAsync(server)).ErrorText();
        Assert.Contains("WANDB_API_KEY", text);
        Assert.Contains("wandb login", text);
        Assert.Empty(_wandb.Requests);
    }

    [Fact]
    public async Task The_netrc_entry_written_by_wandb_login_is_used()
    {
        var machine = new Uri(_wandb.BaseUrl).Authority; // host:port, as wandb keys it
        var netrc = Path.Combine(Directory.CreateTempSubdirectory().FullName, "netrc");
        await File.WriteAllTextAsync(netrc, $"machine api.wandb.ai\n  login user\n  password other\nmachine {machine}\n  login user\n  password {FakeWandbServer.ApiKey}\n",
            TestContext.Current.CancellationToken);
        await using var server = await StartAsync(env =>
        {
            env["WANDB_API_KEY"] = null;
            env["NETRC"] = netrc;
        });
        Assert.Equal(4, (await ListAsync(server)).Structured().GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task The_settings_file_written_by_wandb_login_host_is_honoured()
    {
        var configDir = Directory.CreateTempSubdirectory().FullName;
        await File.WriteAllTextAsync(Path.Combine(configDir, "settings"),
            $"[default]\nbase_url = {_wandb.BaseUrl}\nentity = {WandbFixtures.Entity}\nproject = {WandbFixtures.Project}\n",
            TestContext.Current.CancellationToken);
        await using var server = await StartAsync(env =>
        {
            env["WANDB_BASE_URL"] = null;
            env["WANDB_ENTITY"] = null;
            env["WANDB_PROJECT"] = null;
            env["WANDB_CONFIG_DIR"] = configDir;
        });
        Assert.Equal(4, (await ListAsync(server)).Structured().GetProperty("runs").GetArrayLength());
        Assert.DoesNotContain(_wandb.Requests, r => r.OperationName == "CheckTrainingViewer");
    }

    [Fact]
    public async Task Without_an_entity_the_viewer_default_is_looked_up_once()
    {
        await using var server = await StartAsync(env => env["WANDB_ENTITY"] = null);
        var first = await ListAsync(server);
        Assert.True(_wandb.Violations.Count == 0, string.Join("\n", _wandb.Violations));
        Assert.Equal(4, first.Structured().GetProperty("runs").GetArrayLength());
        await ListAsync(server);
        Assert.Equal(["CheckTrainingViewer", "CheckTrainingRecentRuns", "CheckTrainingRecentRuns"], _wandb.Requests.Select(r => r.OperationName));
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
        await using var server = await StartAsync(env =>
        {
            env["WANDB_BASE_URL"] = $"http://127.0.0.1:{port}";
            env["CHECKTRAINING_Wandb__TimeoutSeconds"] = "3";
        });
        var text = (await ListAsync(server)).ErrorText();
        Assert.Contains($"127.0.0.1:{port}", text);
        Assert.Contains("WANDB_BASE_URL", text);
    }
}
