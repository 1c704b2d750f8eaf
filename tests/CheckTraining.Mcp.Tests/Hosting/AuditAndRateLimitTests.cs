using System.Net;
using System.Text;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>In every auth mode: one audit line per tool call (never a secret), and a per-caller rate limit.</summary>
public sealed class AuditAndRateLimitTests : IAsyncLifetime
{
    private const string Token = "team-token-0123456789abcdef0123456789abcdef";
    private FakeWandbServer _wandb = null!;

    public async ValueTask InitializeAsync() => _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync() => await _wandb.DisposeAsync();

    [Fact]
    public async Task Each_tool_call_writes_one_audit_line_with_the_caller_and_W_and_B_requests_and_never_the_token()
    {
        await using var server = await HttpServerProcess.StartAsync(McpServerProcess.WandbEnvironment(_wandb), $"--Http:BearerToken={Token}");
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(server.Url + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Token },
            }),
            new McpClientOptions { ProtocolVersion = McpServerProcess.ClassicProtocol }, cancellationToken: TestContext.Current.CancellationToken);
        var before = _wandb.Requests.Count;
        var result = await client.CallToolAsync("get_run_metrics", new Dictionary<string, object?> { ["run"] = FinishedRunId },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, result.IsError);
        var sent = _wandb.Requests.Count - before;

        var audit = Assert.Single(await AuditLines.WaitForAsync(server));
        Assert.Equal("token", audit.GetProperty("caller").GetString());
        Assert.Equal("get_run_metrics", audit.GetProperty("tool").GetString());
        Assert.Equal(FinishedRunId, audit.GetProperty("run").GetString());
        Assert.Equal("ok", audit.GetProperty("outcome").GetString());
        Assert.Equal(sent, audit.GetProperty("wandbRequests").GetInt32());
        Assert.True(sent > 0);
        Assert.True(audit.GetProperty("ms").GetDouble() >= 0);
        Assert.True(audit.TryGetProperty("time", out _));
        Assert.DoesNotContain(server.StderrLines, l => l.Contains(Token, StringComparison.Ordinal) || l.Contains(FakeWandbServer.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Past_the_per_minute_limit_a_caller_gets_429_with_Retry_After()
    {
        await using var server = await HttpServerProcess.StartAsync("--Http:RateLimit:PerMinute=3");
        using var http = new HttpClient();
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await http.SendAsync(Initialize(server.Url), TestContext.Current.CancellationToken));
        }

        Assert.All(statuses.Take(3), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var limited = statuses[3];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(limited.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Contains("Http:RateLimit:PerMinute", await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var probe = new HttpRequestMessage(HttpMethod.Get, server.Url + "/healthz");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(probe, TestContext.Current.CancellationToken)).StatusCode); // probes are never limited
    }

    internal static HttpRequestMessage Initialize(string url, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return request;
    }
}
