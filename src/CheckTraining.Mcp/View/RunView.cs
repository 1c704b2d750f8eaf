using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.View;

/// <summary>
/// check_training's live view for MCP Apps hosts (Claude, VS Code Copilot, ChatGPT, Goose, Cursor): the extension
/// <c>io.modelcontextprotocol/ui</c>, spec "Stable (2026-01-26)" (SEP-1865). The pinned C# SDK (2.4.0) has no Apps
/// helpers, so the whole declaration is the raw <c>_meta</c> below, carried by the SDK's own <c>Meta</c> properties of
/// <see cref="Tool"/>, <see cref="Resource"/> and <see cref="ResourceContents"/>. The view is one self-contained HTML
/// file (run-view.html, embedded) that draws check_training's structured content and needs no network.
/// </summary>
internal static class RunView
{
    public const string ExtensionId = "io.modelcontextprotocol/ui";
    public const string Uri = "ui://check-training/run";
    public const string MimeType = "text/html;profile=mcp-app";
    public const string ResourceName = "CheckTraining.Mcp.View.run-view.html";

    private static readonly Lazy<string> Document = new(Load);

    /// <summary>The HTML document (inline CSS, JS and SVG).</summary>
    public static string Html => Document.Value;

    /// <summary>The tool's <c>_meta</c>: <c>ui.resourceUri</c>, and the flat <c>ui/resourceUri</c> that older hosts read.</summary>
    public static JsonObject ToolMeta() => new()
    {
        ["ui"] = new JsonObject { ["resourceUri"] = Uri },
        ["ui/resourceUri"] = Uri,
    };

    /// <summary>
    /// The resource's <c>_meta.ui</c>, on the listing (hosts build the view's CSP from it) and on the content alike:
    /// empty CSP domains, so the host allows the view no network at all.
    /// </summary>
    public static JsonObject ResourceMeta() => new()
    {
        ["ui"] = new JsonObject
        {
            ["csp"] = new JsonObject { ["connectDomains"] = new JsonArray(), ["resourceDomains"] = new JsonArray() },
            ["prefersBorder"] = true,
        },
    };

    /// <summary>
    /// Whether the client declared the extension with our mime type: in <c>capabilities.extensions</c> at initialize, or
    /// (2026-07-28) in each request's <c>_meta["io.modelcontextprotocol/clientCapabilities"]</c>; the SDK surfaces both
    /// as the request's client capabilities.
    /// </summary>
    public static bool DeclaredBy(ClientCapabilities? capabilities)
    {
        if (capabilities?.Extensions is not { } extensions || !extensions.TryGetValue(ExtensionId, out var settings))
        {
            return false;
        }

        var element = settings is JsonElement e ? e : JsonSerializer.SerializeToElement(settings, ModelContextProtocol.McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(object))); // by type info: trim-safe
        return element.ValueKind != JsonValueKind.Object
               || !element.TryGetProperty("mimeTypes", out var types)
               || types.ValueKind != JsonValueKind.Array
               || types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == MimeType);
    }

    /// <summary>
    /// Whether tools/list carries the view for this request: when the client declared the extension, and when its
    /// capabilities are not known at all (null: stateless Streamable HTTP keeps no session, so a 2025-11-25 client's
    /// initialize is gone by its tools/list). The rule: attach only for declaring clients where capabilities show
    /// it, always where they do not; a host that renders no apps ignores <c>_meta.ui</c>.
    /// </summary>
    public static bool AttachFor(ClientCapabilities? capabilities) => capabilities is null || DeclaredBy(capabilities);

    private static string Load()
    {
        using var stream = typeof(RunView).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException(ResourceName + " is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
