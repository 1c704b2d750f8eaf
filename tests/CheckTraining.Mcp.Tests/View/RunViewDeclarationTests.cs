using System.Text;
using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tests.View;

/// <summary>
/// The MCP Apps declaration (ui://check-training/run) as a host sees it, through the SDK's client: attached for a client
/// that declares the extension, in both the initialize handshake (2025-11-25) and per-request capabilities (2026-07-28),
/// and absent for every other client, whose list stays the committed catalogue.
/// </summary>
public sealed class RunViewDeclarationTests
{
    private const string Uri = "ui://check-training/run";
    private const string Mime = "text/html;profile=mcp-app";

    public static McpClientOptions DeclaringClient(string? protocol) => new()
    {
        ProtocolVersion = protocol,
        Capabilities = new ClientCapabilities
        {
            Extensions = new Dictionary<string, object>
            {
                ["io.modelcontextprotocol/ui"] = JsonSerializer.SerializeToElement(new { mimeTypes = new[] { Mime } }),
            },
        },
    };

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData(null)] // the 2.4.0 client's default: 2026-07-28, capabilities on every request
    public async Task A_client_that_declares_the_extension_sees_the_view_on_check_training_only(string? protocol)
    {
        await using var server = await InProcessServer.StartAsync(new Dictionary<string, string?>(), DeclaringClient(protocol));
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        var check = tools.Single(t => t.Name == "check_training").ProtocolTool;
        Assert.Equal(Uri, check.Meta!["ui"]!["resourceUri"]!.GetValue<string>());
        Assert.Equal(Uri, check.Meta!["ui/resourceUri"]!.GetValue<string>());
        Assert.All(tools.Where(t => t.Name != "check_training"), t => Assert.Null(t.ProtocolTool.Meta));
        // A second listing serves the same declaration (the decorated copy is reused, the catalogue's tool is untouched).
        var again = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(Uri, again.Single(t => t.Name == "check_training").ProtocolTool.Meta!["ui"]!["resourceUri"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData(null)]
    public async Task Other_clients_list_no_view_metadata(string? protocol)
    {
        await using var server = await InProcessServer.StartAsync(new Dictionary<string, string?>(), new McpClientOptions { ProtocolVersion = protocol });
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(tools, t => Assert.Null(t.ProtocolTool.Meta));
    }

    /// <summary>
    /// Over Streamable HTTP, through the SDK's HTTP client. In the hybrid mode (the default) every client's capabilities
    /// are known: a session's from initialize, a 2026-07-28 request's from its own _meta. In stateless mode a 2025-11-25
    /// client's initialize is forgotten, so its tools/list arrives with no capabilities at all: then the view is attached
    /// whatever the client declared (hosts that render no apps ignore it), since the server cannot tell.
    /// </summary>
    [Theory]
    [InlineData(false, "2025-11-25", true, true)]
    [InlineData(false, "2025-11-25", false, false)]
    [InlineData(false, null, true, true)]
    [InlineData(false, null, false, false)]
    [InlineData(true, "2025-11-25", true, true)]
    [InlineData(true, "2025-11-25", false, true)] // capabilities unknown: attached always
    [InlineData(true, null, true, true)]
    [InlineData(true, null, false, false)] // 2026-07-28 carries them on the request, stateless or not
    public async Task Over_HTTP_the_view_is_attached_for_declaring_clients_and_whenever_capabilities_are_unknown(bool stateless, string? protocol, bool declares, bool attached)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await HttpServerProcess.StartAsync($"--Http:Stateless={stateless}");
        var options = declares ? DeclaringClient(protocol) : new McpClientOptions { ProtocolVersion = protocol };
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new System.Uri(server.Url + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }),
            options, cancellationToken: ct);
        var tools = await client.ListToolsAsync(cancellationToken: ct);
        var meta = tools.Single(t => t.Name == "check_training").ProtocolTool.Meta;
        if (attached)
        {
            Assert.Equal(Uri, meta?["ui"]?["resourceUri"]?.GetValue<string>());
        }
        else
        {
            Assert.Null(meta);
        }

        Assert.All(tools.Where(t => t.Name != "check_training"), t => Assert.Null(t.ProtocolTool.Meta));
    }

    /// <summary>What the declaration adds to tools/list: check_training's _meta and nothing else (printed for the record).</summary>
    [Fact]
    public async Task The_declaration_adds_only_check_trainings_meta_to_the_list()
    {
        async Task<string> ListAsync(McpClientOptions options)
        {
            await using var server = await InProcessServer.StartAsync(new Dictionary<string, string?>(), options);
            var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
            return JsonSerializer.Serialize(tools.OrderBy(t => t.Name).Select(t => t.ProtocolTool).ToList(), McpJsonUtilities.DefaultOptions);
        }

        var plain = await ListAsync(new McpClientOptions { ProtocolVersion = "2025-11-25" });
        var declared = await ListAsync(DeclaringClient("2025-11-25"));
        var meta = JsonSerializer.Serialize(new { _meta = new Dictionary<string, object> { ["ui"] = new { resourceUri = Uri }, ["ui/resourceUri"] = Uri } });
        TestContext.Current.TestOutputHelper?.WriteLine($"tools/list: {Encoding.UTF8.GetByteCount(plain)} B without the UI extension, {Encoding.UTF8.GetByteCount(declared)} B with it");
        Assert.Equal(Encoding.UTF8.GetByteCount(plain) + Encoding.UTF8.GetByteCount(meta) - 1, Encoding.UTF8.GetByteCount(declared)); // "{…}" becomes ",…"
    }

    [Fact]
    public async Task A_client_declaring_the_extension_for_another_mime_type_gets_no_view()
    {
        var options = DeclaringClient("2025-11-25");
        options.Capabilities!.Extensions!["io.modelcontextprotocol/ui"] = JsonSerializer.SerializeToElement(new { mimeTypes = new[] { "text/x-other" } });
        await using var server = await InProcessServer.StartAsync(new Dictionary<string, string?>(), options);
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(tools.Single(t => t.Name == "check_training").ProtocolTool.Meta);
    }

    [Fact]
    public async Task The_view_is_listed_and_read_with_its_mime_type_and_an_empty_CSP_on_both()
    {
        await using var server = await InProcessServer.StartAsync(new Dictionary<string, string?>(), DeclaringClient("2025-11-25"));
        Assert.NotNull(server.Client.ServerCapabilities.Resources);
        var listed = Assert.Single(await server.Client.ListResourcesAsync(cancellationToken: TestContext.Current.CancellationToken)).ProtocolResource;
        Assert.Equal(Uri, listed.Uri);
        Assert.Equal(Mime, listed.MimeType);
        AssertNoNetworkCsp(listed.Meta!["ui"]!.AsObject());

        var read = await server.Client.ReadResourceAsync(Uri, cancellationToken: TestContext.Current.CancellationToken);
        var content = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents));
        Assert.Equal(Mime, content.MimeType);
        AssertNoNetworkCsp(content.Meta!["ui"]!.AsObject());
        Assert.StartsWith("<!doctype html>", content.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_resource_is_an_invalid_params_error_naming_the_one_there_is()
    {
        await using var server = await InProcessServer.StartAsync(new Dictionary<string, string?>(), DeclaringClient("2025-11-25"));
        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            server.Client.ReadResourceAsync("ui://check-training/nope", cancellationToken: TestContext.Current.CancellationToken).AsTask());
        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains(Uri, error.Message);
    }

    /// <summary>
    /// What hosts enforce, checked in the file itself: one document, at most 400 KB, nothing that loads from anywhere
    /// (no src/href to a URL, no fetch or XHR or WebSocket, no blob:/data: URLs), and nothing a strict CSP refuses (eval).
    /// The browser test proves it renders under that CSP.
    /// </summary>
    [Fact]
    public async Task The_view_is_one_self_contained_document_within_400_KB()
    {
        await using var server = await InProcessServer.StartAsync(new Dictionary<string, string?>(), DeclaringClient("2025-11-25"));
        var read = await server.Client.ReadResourceAsync(Uri, cancellationToken: TestContext.Current.CancellationToken);
        var html = ((TextResourceContents)read.Contents[0]).Text;
        Assert.InRange(Encoding.UTF8.GetByteCount(html), 1000, 400 * 1024);
        foreach (var banned in new[] { "src=\"http", "href=\"http", "@import", "url(", "fetch(", "XMLHttpRequest", "WebSocket", "EventSource", "eval(",
                     "new Function", "blob:", "data:", "<link", "importScripts", "sendBeacon" })
        {
            Assert.DoesNotContain(banned, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static void AssertNoNetworkCsp(System.Text.Json.Nodes.JsonObject ui)
    {
        var csp = ui["csp"]!.AsObject();
        Assert.Empty(csp["connectDomains"]!.AsArray());
        Assert.Empty(csp["resourceDomains"]!.AsArray());
        Assert.True(ui["prefersBorder"]!.GetValue<bool>());
    }
}
