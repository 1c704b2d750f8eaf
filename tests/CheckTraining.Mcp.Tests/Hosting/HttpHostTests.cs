using System.Net;
using System.Text;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>The HTTP host: Streamable HTTP and legacy SSE on the same tools, with DNS-rebinding defences.</summary>
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
    public async Task Streamable_HTTP_and_legacy_SSE_serve_the_same_tools()
    {
        await using var server = await HttpServerProcess.StartAsync();
        var streamable = await ListToolsAsync(server.Url + "/mcp", HttpTransportMode.StreamableHttp);
        var sse = await ListToolsAsync(server.Url + "/mcp/sse", HttpTransportMode.Sse);
        Assert.Equal(8, streamable.Count);
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
        Assert.Equal(8, tools.Count);
    }

    private static HttpRequestMessage Post(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/mcp") { Content = new StringContent(InitializeBody, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }
}
