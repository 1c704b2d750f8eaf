using System.Net;
using System.Text;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>
/// The HTTP host: the hybrid session mode by default (2026-07-28 clients statelessly, initialize clients with sessions),
/// opt-in legacy SSE on the same tools, DNS-rebinding defences, and a command line that behaves like one.
/// </summary>
public sealed class HttpHostTests
{
    private const string InitializeBody =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";

    private static async Task<IList<McpClientTool>> ListToolsAsync(string endpoint, HttpTransportMode mode, Dictionary<string, string>? headers = null)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(endpoint), TransportMode = mode, AdditionalHeaders = headers });
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = McpServerProcess.ClassicProtocol },
            cancellationToken: TestContext.Current.CancellationToken);
        return await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task By_default_a_2026_07_28_client_is_served_without_a_session_and_an_initialize_client_gets_one()
    {
        await using var server = await HttpServerProcess.StartAsync();
        Assert.Contains(server.StderrLines, l => l.Contains($"listening on {server.Url}/mcp", StringComparison.Ordinal));

        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(server.Url + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp });
        await using (var modern = await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken)) // 2.4.0's default: 2026-07-28
        {
            Assert.Equal("2026-07-28", modern.NegotiatedProtocolVersion);
            Assert.Equal(9, (await modern.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Count);
            Assert.Null(modern.SessionId);
        }

        using var http = new HttpClient();
        using var initialize = Post(server.Url);
        var response = await http.SendAsync(initialize, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Mcp-Session-Id"), "an initialize client keeps its session");
        Assert.Equal(9, (await ListToolsAsync(server.Url + "/mcp", HttpTransportMode.StreamableHttp)).Count);

        // Legacy SSE is off unless asked for.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(server.Url + "/mcp/sse", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Opt_in_legacy_SSE_serves_the_same_tools_as_Streamable_HTTP()
    {
        await using var server = await HttpServerProcess.StartAsync("--Http:LegacySse=true");
        var streamable = await ListToolsAsync(server.Url + "/mcp", HttpTransportMode.StreamableHttp);
        var sse = await ListToolsAsync(server.Url + "/mcp/sse", HttpTransportMode.Sse);
        Assert.Equal(9, streamable.Count);
        Assert.Equal(streamable.Select(t => t.Name).Order(), sse.Select(t => t.Name).Order());
    }

    [Fact]
    public async Task A_foreign_Origin_is_refused_and_a_foreign_Host_too()
    {
        await using var server = await HttpServerProcess.StartAsync();
        using var http = new HttpClient();

        using var evilOrigin = Post(server.Url);
        evilOrigin.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(evilOrigin, TestContext.Current.CancellationToken)).StatusCode);

        using var rebinding = Post(server.Url);
        rebinding.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(rebinding, TestContext.Current.CancellationToken)).StatusCode);

        using var local = Post(server.Url);
        local.Headers.Add("Origin", "http://localhost:6274"); // the Inspector's UI
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(local, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_configured_bearer_token_is_required()
    {
        await using var server = await HttpServerProcess.StartAsync("--Http:BearerToken=s3cret-token");
        using var http = new HttpClient();
        using var anonymous = Post(server.Url);
        var response = await http.SendAsync(anonymous, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());

        var tools = await ListToolsAsync(server.Url + "/mcp", HttpTransportMode.StreamableHttp, new() { ["Authorization"] = "Bearer s3cret-token" });
        Assert.Equal(9, tools.Count);
    }

    private static HttpRequestMessage Post(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/mcp") { Content = new StringContent(InitializeBody, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    [Fact]
    public async Task A_port_another_process_holds_is_one_line_naming_Http_Url_not_a_stack_trace()
    {
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var url = "http://127.0.0.1:" + ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exitCode, stderr) = await RefusedStart.RunAsync(new Dictionary<string, string?>(), $"--Http:Url={url}");

        Assert.Equal(2, exitCode);
        Assert.Contains($"Http:Url (CHECKTRAINING_Http__Url) {url}: the address is already in use", stderr);
        Assert.DoesNotContain(" at ", stderr); // no frame of a stack trace, in the message or in the host's own log line
    }

    [Theory]
    [InlineData("--help", 0, "Usage:", "CHECKTRAINING_Stdio__MaxMessageBytes")]
    [InlineData("-h", 0, "--transport stdio|http", "README.md")]
    [InlineData("--help", 0, "(Modal:CliPath)", "CHECKTRAINING_Modal__CliPath")]
    [InlineData("--version", 0, "0.2.0", null)]
    [InlineData("--frobnicate", 2, "unknown option '--frobnicate'", "--help")]
    [InlineData("--transport carrier-pigeon", 2, "unknown option '--transport carrier-pigeon'", null)]
    public async Task The_command_line_behaves_like_a_command_line(string arguments, int exitCode, string expected, string? alsoExpected)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(RepoPaths.ServerLaunch.Command, RepoPaths.ServerLaunch.Arguments.Concat(arguments.Split(' ')))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        using var process = System.Diagnostics.Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var output = exitCode == 0 ? await stdout : stderr;
        Assert.Equal(exitCode, process.ExitCode);
        Assert.Contains(expected, output);
        Assert.EndsWith("\n", output); // a shell prompt after it starts on a line of its own
        if (alsoExpected is not null)
        {
            Assert.Contains(alsoExpected, output);
        }
    }
}
