using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tools;

/// <summary>The tools as listed to clients: names, descriptions, annotations and schemas, committed in tools.json.</summary>
internal static class ToolCatalogue
{
    public const string ResourceName = "CheckTraining.Mcp.Tools.tools.json";

    private static readonly Lazy<IReadOnlyDictionary<string, Tool>> Tools = new(Load);

    public static Tool Get(string name) => Tools.Value.TryGetValue(name, out var tool)
        ? tool
        : throw new InvalidOperationException($"Tool '{name}' is missing from Tools/tools.json; regenerate it (see the README's Development section).");

    private static Dictionary<string, Tool> Load()
    {
        using var stream = typeof(ToolCatalogue).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException(ResourceName + " is not embedded.");
        var type = (JsonTypeInfo<Tool>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool));
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.EnumerateArray().Select(e => e.Deserialize(type)!).ToDictionary(t => t.Name);
    }
}
