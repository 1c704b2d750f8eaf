using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Json;

/// <summary>
/// Parses W&amp;B JSON, which may hold bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> tokens (Python's encoder writes
/// them; System.Text.Json rejects them). Such tokens outside strings become the strings "NaN", "Infinity", "-Infinity",
/// which <see cref="JsonValues.AsDouble"/> reads back as doubles (the SDK serialises summaries with Python's json module).
/// </summary>
public static class LenientJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, MaxDepth = 256 };

    public static JsonNode? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonNode.Parse(QuoteNonFiniteTokens(json), documentOptions: Options);
    }

    /// <summary>Decodes a JSONString field: a string holding JSON, or (defensively) an already-decoded object.</summary>
    public static JsonNode? DecodeEmbedded(JsonNode? field) => field switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Parse(v.GetValue<string>()),
        _ => field,
    };

    internal static string QuoteNonFiniteTokens(string json)
    {
        if (json.IndexOf("NaN", StringComparison.Ordinal) < 0 && json.IndexOf("Infinity", StringComparison.Ordinal) < 0)
        {
            return json;
        }

        var sb = new StringBuilder(json.Length + 16);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    sb.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                sb.Append(c);
            }
            else if (Matches(json, i, "NaN"))
            {
                sb.Append("\"NaN\"");
                i += 2;
            }
            else if (Matches(json, i, "-Infinity"))
            {
                sb.Append("\"-Infinity\"");
                i += 8;
            }
            else if (Matches(json, i, "Infinity"))
            {
                sb.Append("\"Infinity\"");
                i += 7;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool Matches(string s, int at, string token) =>
        string.CompareOrdinal(s, at, token, 0, token.Length) == 0;
}
