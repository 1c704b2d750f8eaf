using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tools;

/// <summary>
/// The schema transform applied where tools are derived (so every tool gets it, and the committed catalogue is its
/// output): no <c>"type": [..., "null"]</c> arrays, which single-type dialects (the OpenAPI subset behind Gemini function
/// declarations, the Inspector's portability check) reject. A nullable property becomes its single type and is simply
/// not required: results omit null properties (<see cref="AppJsonContext"/>), and an optional argument is omitted.
/// A nullable array item or map value, which can still be null, becomes <c>anyOf</c> single-type branches.
/// <c>"default": null</c>, null in enums and an annotations title that repeats the tool's title go too.
/// </summary>
internal static class LeanSchema
{
    public static void Apply(Tool tool)
    {
        if (tool.Annotations is { } annotations && annotations.Title == tool.Title)
        {
            annotations.Title = null; // the tool's own title says it already
        }

        tool.InputSchema = Transform(tool.InputSchema);
        if (tool.OutputSchema is { } output)
        {
            tool.OutputSchema = Transform(output, OutputDepth);
        }
    }

    /// <summary>
    /// How deep an output schema spells out its properties. Validating clients compile every listed output schema on
    /// each tools/list (the TypeScript SDK: Ajv, about 200 ms for our full schemas, 25 ms at this depth), which is
    /// start-up time the user waits for, so they are listed only on request (<see cref="Configuration.ToolListOptions"/>);
    /// below this depth a nested object or array keeps its type, and the text and the README describe it. Still a true
    /// schema: every result validates against it.
    /// </summary>
    public const int OutputDepth = 1;

    public static JsonElement Transform(JsonElement schema, int depth = int.MaxValue)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        Visit(node, isProperty: false);
        Truncate(node, depth);
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static void Visit(JsonNode? node, bool isProperty)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        if (schema["properties"] is JsonObject properties)
        {
            var optional = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, property) in properties)
            {
                if (property is JsonObject p && DropNull(p))
                {
                    optional.Add(name);
                }

                Visit(property, isProperty: true);
            }

            if (schema["required"] is JsonArray required)
            {
                foreach (var item in required.Where(r => optional.Contains(r?.GetValue<string>() ?? "")).ToList())
                {
                    required.Remove(item);
                }

                if (required.Count == 0)
                {
                    schema.Remove("required");
                }
            }
        }

        if (!isProperty && schema["type"] is JsonArray)
        {
            ToAnyOf(schema);
        }

        foreach (var key in new[] { "items", "additionalProperties" })
        {
            Visit(schema[key], isProperty: false);
        }

        foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema[key] is JsonArray branches)
            {
                foreach (var branch in branches)
                {
                    Visit(branch, isProperty: false);
                }
            }
        }
    }

    /// <summary>Below <paramref name="depth"/> levels of properties, a schema keeps only its type (or its anyOf of types).</summary>
    private static void Truncate(JsonNode? node, int depth)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        if (depth <= 0)
        {
            foreach (var key in schema.Select(kv => kv.Key).Where(k => k is not ("type" or "anyOf" or "format" or "enum")).ToList())
            {
                schema.Remove(key);
            }

            if (schema["anyOf"] is JsonArray branches)
            {
                foreach (var branch in branches)
                {
                    Truncate(branch, 0);
                }
            }

            return;
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (_, property) in properties)
            {
                Truncate(property, depth - 1);
            }
        }

        foreach (var key in new[] { "items", "additionalProperties" })
        {
            Truncate(schema[key], depth - 1);
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            foreach (var branch in anyOf)
            {
                Truncate(branch, depth);
            }
        }
    }

    /// <summary>A property's <c>[T, "null"]</c> becomes T (with any other type array made anyOf); true when null was allowed.</summary>
    private static bool DropNull(JsonObject property)
    {
        var hadNull = false;
        if (property["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"))
        {
            hadNull = true;
            var rest = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            if (rest.Count == 1)
            {
                property["type"] = rest[0];
            }
            else
            {
                property["type"] = new JsonArray(rest.Select(t => (JsonNode)t).ToArray());
                ToAnyOf(property);
            }
        }

        if (property["enum"] is JsonArray values && values.Any(v => v is null))
        {
            hadNull = true;
            foreach (var v in values.Where(v => v is null).ToList())
            {
                values.Remove(v);
            }
        }

        if (property.TryGetPropertyValue("default", out var defaultValue) && defaultValue is null)
        {
            property.Remove("default");
        }

        return hadNull;
    }

    /// <summary><c>{"type": [A, B], ...}</c> becomes <c>{"anyOf": [{"type": A, ...}, {"type": B}]}</c>; the constraints go with non-null branches.</summary>
    private static void ToAnyOf(JsonObject schema)
    {
        var types = ((JsonArray)schema["type"]!).Select(t => t!.GetValue<string>()).ToList();
        schema.Remove("type");
        var constraints = schema.Where(kv => kv.Key is not ("description" or "title" or "default")).Select(kv => kv.Key).ToList();
        var branches = new JsonArray();
        foreach (var type in types)
        {
            var branch = new JsonObject { ["type"] = type };
            if (type != "null")
            {
                foreach (var key in constraints)
                {
                    branch[key] = schema[key]?.DeepClone();
                }
            }

            branches.Add((JsonNode)branch); // the JsonNode overload: the generic Add<T> is not trim-safe
        }

        foreach (var key in constraints)
        {
            schema.Remove(key);
        }

        schema["anyOf"] = branches;
    }
}
