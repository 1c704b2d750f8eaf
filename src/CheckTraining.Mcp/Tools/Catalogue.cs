using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tools;

/// <summary>
/// The server's MCP surface as clients see it (tools and prompts: names, descriptions, annotations, schemas), committed in
/// catalogue.json so listing needs no reflection at start-up. The catalogue test regenerates and checks it.
/// </summary>
internal static class Catalogue
{
    public const string ResourceName = "CheckTraining.Mcp.Tools.catalogue.json";

    private static readonly Lazy<(Dictionary<string, Tool> Tools, Dictionary<string, Tool> WithoutOutputSchemas, Dictionary<string, Prompt> Prompts)>
        Entries = new(Load);

    public static Tool Tool(string name) => Entries.Value.Tools.TryGetValue(name, out var tool) ? tool : throw Missing("tool", name);

    /// <summary>The tool as listed: with its output schema, or without it (<see cref="Configuration.ToolListOptions"/>).</summary>
    public static Tool Listed(string name, bool withOutputSchema) =>
        (withOutputSchema ? Entries.Value.Tools : Entries.Value.WithoutOutputSchemas).TryGetValue(name, out var tool) ? tool : throw Missing("tool", name);

    /// <summary>The listed tool, or null for a name the server does not have (the SDK answers those).</summary>
    public static Tool? TryTool(string name) => Entries.Value.Tools.GetValueOrDefault(name);

    public static bool TryGetTool(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Tool? tool) =>
        Entries.Value.Tools.TryGetValue(name, out tool);

    public static Prompt Prompt(string name) => Entries.Value.Prompts.TryGetValue(name, out var prompt) ? prompt : throw Missing("prompt", name);

    private static InvalidOperationException Missing(string kind, string name) =>
        new($"The {kind} '{name}' is missing from Tools/catalogue.json; regenerate it (README, Development).");

    private static (Dictionary<string, Tool>, Dictionary<string, Tool>, Dictionary<string, Prompt>) Load()
    {
        using var stream = typeof(Catalogue).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException(ResourceName + " is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var withoutOutputSchemas = Read<Tool>(root, "tools"); // its own objects: the listed tools are handed to the SDK
        withoutOutputSchemas.ForEach(t => t.OutputSchema = null);
        return (Read<Tool>(root, "tools").ToDictionary(t => t.Name), withoutOutputSchemas.ToDictionary(t => t.Name),
            Read<Prompt>(root, "prompts").ToDictionary(p => p.Name));
    }

    private static List<T> Read<T>(JsonElement root, string property)
    {
        var type = (JsonTypeInfo<T>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(T));
        return root.GetProperty(property).EnumerateArray().Select(e => e.Deserialize(type)!).ToList();
    }
}
