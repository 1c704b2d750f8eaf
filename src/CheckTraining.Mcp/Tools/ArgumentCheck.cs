using System.Text.Json;

namespace CheckTraining.Mcp.Tools;

/// <summary>
/// Checks a call's arguments against the tool's listed input schema (the committed catalogue, which the catalogue test
/// proves equals what the SDK derives), before the SDK binds them. The SDK does not validate, and its binder's errors
/// name .NET types; this names the argument and what it must be. Returns null when the arguments are usable.
/// </summary>
internal static class ArgumentCheck
{
    public static string? Problem(string tool, JsonElement inputSchema, IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null || arguments.Count == 0)
        {
            return null;
        }

        var properties = inputSchema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        foreach (var (name, value) in arguments)
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(name, out var schema))
            {
                var known = properties.ValueKind == JsonValueKind.Object ? string.Join(", ", properties.EnumerateObject().Select(o => o.Name)) : "none";
                return $"'{tool}' has no argument '{Cap(name)}'. Its arguments: {known}.";
            }

            if (Mismatch(schema, value) is { } expected)
            {
                return $"'{tool}': argument '{name}' must be {expected}; got {Describe(value)}.";
            }

            if (value.ValueKind == JsonValueKind.Number && OutOfRange(schema, value.GetDouble()) is { } range)
            {
                return $"'{tool}': argument '{name}' must be {range}; got {value.GetRawText()}.";
            }
        }

        return null;
    }

    /// <summary>What the value should have been, or null when it fits.</summary>
    private static string? Mismatch(JsonElement schema, JsonElement value)
    {
        var types = Types(schema);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null; // null means "not given": the filter drops it, so the default applies
        }

        var fits = value.ValueKind switch
        {
            JsonValueKind.String => types.Contains("string") && IsValidText(value),
            // Every integer argument binds to an int: a larger whole number would fail in the SDK's binder.
            JsonValueKind.Number => types.Contains("number") || (types.Contains("integer") && value.TryGetInt32(out _)),
            JsonValueKind.True or JsonValueKind.False => types.Contains("boolean"),
            JsonValueKind.Array => types.Contains("array") && ItemsFit(schema, value),
            JsonValueKind.Object => types.Contains("object"),
            _ => false,
        };
        if (fits && value.ValueKind == JsonValueKind.String && schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array
            && !allowed.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == value.GetString()))
        {
            return Expected(schema, types);
        }

        return fits ? null : Expected(schema, types);
    }

    /// <summary>"between 1 and 3600" when the schema's minimum or maximum refuses the number (a type that fits), else null.</summary>
    private static string? OutOfRange(JsonElement schema, double number)
    {
        double? Bound(string name) => schema.TryGetProperty(name, out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDouble() : null;
        var (min, max) = (Bound("minimum"), Bound("maximum"));
        return number < min || number > max
            ? (min, max) switch
            {
                ({ } lo, { } hi) => $"between {lo} and {hi}",
                ({ } lo, null) => $"at least {lo}",
                _ => $"at most {max}",
            }
            : null;
    }

    private static bool ItemsFit(JsonElement schema, JsonElement array) =>
        !schema.TryGetProperty("items", out var items) || array.EnumerateArray().All(i => Mismatch(items, i) is null);

    // A lone UTF-16 surrogate ("\ud800") is valid JSON text but no valid string: GetString() refuses it.
    private static bool IsValidText(JsonElement value)
    {
        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static HashSet<string> Types(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var t))
        {
            return t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString() ?? "").ToHashSet() : [t.GetString() ?? ""];
        }

        // The lean catalogue writes a nullable item as anyOf [{type}, {type: null}].
        if ((schema.TryGetProperty("anyOf", out var any) || schema.TryGetProperty("oneOf", out any)) && any.ValueKind == JsonValueKind.Array)
        {
            return any.EnumerateArray().SelectMany(Types).ToHashSet();
        }

        return ["string", "number", "integer", "boolean", "array", "object", "null"];
    }

    private static string Expected(JsonElement schema, HashSet<string> types)
    {
        if (schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array)
        {
            return "one of " + string.Join(", ", allowed.EnumerateArray().Select(a => a.ToString()));
        }

        var words = types.Where(t => t != "null").Select(t => t switch
        {
            "string" => "a string (valid text)",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            "array" => schema.TryGetProperty("items", out var items) && Types(items).Where(i => i != "null").ToList() is [var one] ? $"an array of {one}s" : "an array",
            "object" => "an object",
            _ => t,
        });
        return string.Join(" or ", words);
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when !IsValidText(value) => "a string holding invalid text (a lone UTF-16 surrogate)",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => value.TryGetInt32(out _) ? "a whole number" : value.TryGetInt64(out _) ? "a whole number out of range" : "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => value.ValueKind.ToString(),
    };

    private static string Cap(string s) => TextCut.At(s, 100);
}
