using System.Text.Json.Nodes;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// Reads <c>logLines</c>: the console the SDK streams to W&amp;B while the run lives (stdout, and stderr with level
/// "error"), oldest first. A null connection means the run never printed, or its stream never reached W&amp;B.
/// </summary>
internal static class ConsoleLog
{
    public static ConsoleLines? Read(JsonNode? connection, JsonNode? count)
    {
        if (connection is not JsonObject c)
        {
            return null;
        }

        var lines = (c["edges"] as JsonArray ?? [])
            .Select(e => e?["node"])
            .OfType<JsonObject>()
            .Select(n => new ConsoleLine(
                JsonValues.AsLong(n["number"]),
                JsonValues.AsUtcTimestamp(n["timestamp"]), // UTC without a zone suffix
                string.Equals(JsonValues.AsString(n["level"]), "error", StringComparison.OrdinalIgnoreCase),
                JsonValues.AsString(n["line"]) ?? ""))
            .ToList();
        return new ConsoleLines(JsonValues.AsLong(count), lines);
    }
}
