using System.Diagnostics;
using System.Net;
using System.Text;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>The HTTP host as a team deploys it: behind a proxy, probed, limited, stopped, and under concurrent load.</summary>
public sealed class HttpTeamTests : IAsyncLifetime
{
    private FakeWandbServer _wandb = null!;

    public async ValueTask InitializeAsync() => _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync() => await _wandb.DisposeAsync();

    private static async Task<McpClient> ConnectAsync(string url, Dictionary<string, string>? headers = null) =>
        await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(url + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp, AdditionalHeaders = headers }),
            new McpClientOptions { ProtocolVersion = McpServerProcess.ClassicProtocol }, cancellationToken: TestContext.Current.CancellationToken);

    private static HttpRequestMessage Initialize(string url, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return request;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Thirty_two_concurrent_tool_calls_all_succeed(bool stateless)
    {
        await using var server = await HttpServerProcess.StartAsync(McpServerProcess.WandbEnvironment(_wandb), $"--Http:Stateless={stateless}");
        await using var client = await ConnectAsync(server.Url);
        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => client.CallToolAsync(
            i % 2 == 0 ? "get_run_metrics" : "list_recent_runs", i % 2 == 0 ? new Dictionary<string, object?> { ["run"] = FinishedRunId } : [],
            cancellationToken: TestContext.Current.CancellationToken).AsTask()));
        Assert.All(results, r => Assert.NotEqual(true, r.IsError));
        Assert.Empty(_wandb.Violations);
    }

    [Fact]
    public async Task A_proxy_hostname_is_accepted_only_when_allowed()
    {
        using var http = new HttpClient();
        await using (var strict = await HttpServerProcess.StartAsync())
        {
            using var request = Initialize(strict.Url, "mcp.example.com");
            Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        await using var proxied = await HttpServerProcess.StartAsync("--Http:AllowedHosts=mcp.example.com;other.example");
        using var allowed = Initialize(proxied.Url, "mcp.example.com");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(allowed, TestContext.Current.CancellationToken)).StatusCode);
        using var foreign = Initialize(proxied.Url, "evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(foreign, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_probes_without_the_token_and_bodies_are_limited()
    {
        await using var server = await HttpServerProcess.StartAsync("--Http:BearerToken=s3cret-token", "--Http:MaxRequestBodyBytes=4096");
        using var http = new HttpClient();
        using var probe = new HttpRequestMessage(HttpMethod.Get, server.Url + "/healthz");
        probe.Headers.Host = "10.1.2.3:3001"; // a load balancer probes the pod's address
        var health = await http.SendAsync(probe, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var big = new HttpRequestMessage(HttpMethod.Post, server.Url + "/mcp") { Content = new StringContent(new string('x', 10_000), Encoding.UTF8, "application/json") };
        big.Headers.Authorization = new("Bearer", "s3cret-token");
        big.Headers.Accept.ParseAdd("application/json");
        big.Headers.Accept.ParseAdd("text/event-stream");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(big, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task SIGTERM_lets_an_in_flight_call_finish()
    {
        await using var server = await HttpServerProcess.StartAsync(McpServerProcess.WandbEnvironment(_wandb));
        await using var client = await ConnectAsync(server.Url);
        _wandb.Latency = TimeSpan.FromSeconds(1.5);
        var call = client.CallToolAsync("list_recent_runs", cancellationToken: TestContext.Current.CancellationToken).AsTask();
        await Eventually.HoldsAsync(() => _wandb.InFlightNow > 0 || call.IsCompleted, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10)); // in flight once W&B is being asked

        Assert.False(call.IsCompleted, "the call ended before SIGTERM was sent");
        using (Process.Start("kill", ["-TERM", server.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])) { }

        var result = await call;
        Assert.NotEqual(true, result.IsError);
        Assert.True(server.Process.WaitForExit(TimeSpan.FromSeconds(10)), "the server did not exit after SIGTERM");
        Assert.Equal(0, server.Process.ExitCode);
    }

    [Theory]
    [InlineData("--Http:Url=http://0.0.0.0:{port}", "Http:BearerToken (CHECKTRAINING_Http__BearerToken)")]
    [InlineData("--Http:Stateless=true --Http:LegacySse=true", "Http:LegacySse needs stateful sessions")]
    public async Task Unsafe_or_contradictory_HTTP_settings_refuse_to_start(string args, string expected)
    {
        var argv = args.Replace("{port}", HttpServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Split(' ');
        var psi = new ProcessStartInfo(RepoPaths.ServerLaunch.Command) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in RepoPaths.ServerLaunch.Arguments.Append("--http").Concat(argv))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("CHECKTRAINING_Http__BearerToken");
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains(expected, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
