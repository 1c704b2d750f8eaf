using System.Text.Json.Nodes;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// Reads a run's system-metrics rows (<c>system.gpu.0.gpu</c>, <c>_timestamp</c>, ...): <c>events</c> is a list of JSON
/// strings sampled over the whole run; <c>eventsTail</c> a JSON string holding the newest rows. Both are merged by time,
/// so the last minutes are seen at full resolution even on a long run.
/// </summary>
internal static class SystemEvents
{
    public static IReadOnlyList<JsonObject> Read(JsonNode? events, JsonNode? eventsTail)
    {
        var sampled = (events as JsonArray ?? []).Select(e => Decode(e) as JsonObject);
        var tail = (Decode(eventsTail) as JsonArray ?? []).Select(e => Decode(e) as JsonObject);
        return sampled.Concat(tail)
            .OfType<JsonObject>()
            .Select(row => (Row: row, At: JsonValues.AsDouble(row["_timestamp"])))
            .Where(r => r.At is { } t && double.IsFinite(t))
            .DistinctBy(r => r.At)
            .OrderBy(r => r.At)
            .Select(r => r.Row)
            .ToList();
    }

    private static JsonNode? Decode(JsonNode? node)
    {
        try
        {
            return LenientJson.DecodeEmbedded(node);
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // one unreadable row is skipped, not the whole sample
        }
    }
}
