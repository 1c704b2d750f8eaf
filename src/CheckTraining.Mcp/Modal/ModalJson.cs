using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Modal;

/// <summary>
/// Tolerant reading of the CLI's <c>--json</c> output across versions: keys are compared after normalisation
/// ("Created at" and "created_at" both become created_at), values are strings or null.
/// </summary>
internal static class ModalJson
{
    public static IReadOnlyList<Dictionary<string, string?>> ParseRows(string stdout, string command)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(stdout);
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is not JsonArray array)
        {
            var sample = stdout.Trim();
            throw new ModalCliException(ModalErrorKind.BadOutput,
                $"{command} did not print the expected JSON list (got: '{(sample.Length > 120 ? sample[..120] + "..." : sample)}'). " +
                "This Modal CLI version may be unsupported; check `modal --version` and upgrade with `pip install -U modal`.");
        }

        return array.OfType<JsonObject>().Select(o => o.ToDictionary(
            kv => NormalizeKey(kv.Key),
            kv => kv.Value is null ? null : JsonValues.AsString(kv.Value) ?? kv.Value.ToJsonString())).ToList();
    }

    public static string? Get(Dictionary<string, string?> row, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (row.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Lowercase; runs of non-alphanumerics become one underscore (the CLI's own rule since 1.5).</summary>
    public static string NormalizeKey(string key)
    {
        var sb = new StringBuilder(key.Length);
        foreach (var c in key.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }
        }

        return sb.ToString().TrimEnd('_');
    }

    /// <summary>ISO with a space and an offset ("2025-08-12 11:00:00+00:00"), or the table form "2025-08-12 12:00 UTC".</summary>
    public static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        foreach (var zone in new[] { " UTC", " GMT", "Z" })
        {
            if (t.EndsWith(zone, StringComparison.Ordinal))
            {
                t = t[..^zone.Length] + "+00:00";
                break;
            }
        }

        return DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var value)
               && HasOffset(t)
            ? value.ToUniversalTime()
            : null; // an unknown zone abbreviation cannot be placed in time; the CLI runs with TZ=UTC so this is rare
    }

    private static bool HasOffset(string t) => t.Length > 6 && (t[^6] is '+' or '-') && t[^3] == ':';
}
