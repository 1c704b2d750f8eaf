using System.Text.Json;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Checks structured content against a tool's advertised output schema, as a validating client (the TypeScript SDK's)
/// does, for the keywords our schemas use: type, properties, required, items, additionalProperties, enum and anyOf.
/// </summary>
internal static class OutputSchemaCheck
{
    public static List<string> Problems(JsonElement schema, JsonElement value, string path = "$")
    {
        var problems = new List<string>();
        Check(schema, value, path, problems);
        return problems;
    }

    private static void Check(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            if (!anyOf.EnumerateArray().Any(branch => Problems(branch, value, path).Count == 0))
            {
                problems.Add($"{path}: matches no anyOf branch ({value.ValueKind})");
            }

            return;
        }

        if (schema.TryGetProperty("type", out var type) && !Matches(type.GetString()!, value))
        {
            problems.Add($"{path}: {value.ValueKind} where the schema says {type.GetString()}");
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.ToString() == value.ToString()))
        {
            problems.Add($"{path}: '{value}' is not in the enum");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                problems.AddRange(required.EnumerateArray().Where(r => !value.TryGetProperty(r.GetString()!, out _)).Select(r => $"{path}.{r}: required but absent"));
            }

            schema.TryGetProperty("properties", out var properties);
            foreach (var p in value.EnumerateObject())
            {
                if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(p.Name, out var ps))
                {
                    Check(ps, p.Value, $"{path}.{p.Name}", problems);
                }
                else if (schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.Object)
                {
                    Check(extra, p.Value, $"{path}.{p.Name}", problems);
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{i++}]", problems);
            }
        }
    }

    private static bool Matches(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };
}
