using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Json;

/// <summary>Tolerant readers for loosely typed W&amp;B values.</summary>
public static class JsonValues
{
    /// <summary>A number, a numeric string, or "NaN"/"Infinity"/"-Infinity"; otherwise null.</summary>
    public static double? AsDouble(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                // Parsed nodes read as double directly; nodes built in code may hold an int, long or decimal.
                return value.TryGetValue<double>(out var d) ? d
                    : double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            case JsonValueKind.True:
                return 1;
            case JsonValueKind.False:
                return 0;
            case JsonValueKind.String:
                var s = value.GetValue<string>();
                return s switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    _ => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var fromText) ? fromText : null,
                };
            default:
                return null;
        }
    }

    /// <summary>An integer, tolerating floats such as <c>12.0</c> (W&amp;B sometimes sends <c>_step</c> that way).</summary>
    public static long? AsLong(JsonNode? node) => AsDouble(node) is { } d && double.IsFinite(d) ? (long)Math.Round(d) : null;

    public static string? AsString(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String
        ? v.GetValue<string>()
        : null;

    /// <summary>A scalar rendered for a human: strings as-is, numbers invariant, objects as compact JSON.</summary>
    public static string? AsDisplay(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => AsDouble(v)?.ToString("G", CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    /// <summary>W&amp;B timestamps are UTC; a missing zone designator means UTC, never local time.</summary>
    public static DateTimeOffset? AsUtcTimestamp(JsonNode? node) =>
        AsString(node) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    /// <summary>Unix epoch seconds (float) to a UTC time.</summary>
    public static DateTimeOffset? FromUnixSeconds(double? seconds) =>
        seconds is { } s && double.IsFinite(s) && s > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s * 1000)) : null;
}
