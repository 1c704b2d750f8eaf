using System.Text.Json.Nodes;
using CheckTraining.Mcp.Json;
using CheckTraining.Mcp.Redaction;

namespace CheckTraining.Mcp.Compare;

/// <summary>Config keys (dot paths of leaves) whose values differ between two runs, in key order; W&amp;B's own <c>_wandb</c> left out.</summary>
internal static class ConfigDiff
{
    /// <summary>The differing keys, values redacted: configs often hold <c>vars(args)</c>, tokens included.</summary>
    public static List<ConfigDifference> Of(JsonObject run, JsonObject baseline, SecretRedactor redactor)
    {
        var a = Flatten(run);
        var b = Flatten(baseline);
        // Blank, not redact: a value is shown whole or not at all (a name, a shape or URL credentials blank it).
        string? Shown(string key, string? value) => value is null ? null
            : redactor.IsSecret(key, value) ? SecretRedactor.Mark
            : Cap(value);
        return a.Keys.Union(b.Keys)
            .Order(StringComparer.Ordinal)
            .Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k))
            .Select(k => new ConfigDifference(k, Shown(k, a.GetValueOrDefault(k)), Shown(k, b.GetValueOrDefault(k))))
            .ToList();
    }

    private static Dictionary<string, string?> Flatten(JsonObject config)
    {
        var leaves = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Walk(string prefix, JsonNode? node)
        {
            if (node is JsonObject o && o.Count > 0)
            {
                foreach (var (k, v) in o)
                {
                    Walk(prefix.Length == 0 ? k : $"{prefix}.{k}", v);
                }
            }
            else
            {
                leaves[prefix] = JsonValues.AsDisplay(node);
            }
        }

        foreach (var (k, v) in config.Where(kv => !kv.Key.StartsWith("_wandb", StringComparison.Ordinal)))
        {
            Walk(k, v);
        }

        return leaves;
    }

    private static string? Cap(string? value) => value is null ? null : TextCut.At(value, 100);
}
