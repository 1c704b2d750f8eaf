using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Hosting;

/// <summary>
/// Malformed call shapes that the SDK cannot even deserialize (it would answer a bare -32603 "An error occurred"):
/// <c>arguments</c> that are not an object, and prompt arguments that are not strings. They get -32602 (invalid params)
/// with a message that says what was wrong, before any handler runs.
/// </summary>
internal static class RequestShapeFilter
{
    public static McpMessageHandler Create(McpMessageHandler next) => (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall or RequestMethods.PromptsGet } request
            && Problem(request.Method, request.Params) is { } problem)
        {
            throw new McpProtocolException(problem, McpErrorCode.InvalidParams);
        }

        return next(context, cancellationToken);
    };

    private static string? Problem(string method, JsonNode? parameters)
    {
        if (parameters is not JsonObject p)
        {
            return $"{method} needs its params as a JSON object with a name and arguments.";
        }

        var arguments = p["arguments"];
        if (arguments is not (null or JsonObject))
        {
            return $"{method}: arguments must be a JSON object of named arguments (e.g. {{\"run\": \"latest\"}}); got {Kind(arguments)}.";
        }

        // The SDK re-serialises params to bind them, and a lone surrogate cannot be written: say which argument holds one.
        if (arguments is JsonObject all && all.FirstOrDefault(kv => HoldsInvalidText(kv.Value)) is { Key: { } bad })
        {
            return $"{method}: argument '{TextCut.At(bad, 100)}' holds invalid text (a lone UTF-16 surrogate); send valid Unicode.";
        }

        if (method == RequestMethods.PromptsGet && arguments is JsonObject named)
        {
            foreach (var (name, value) in named)
            {
                if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !IsValidText(v))
                {
                    return $"prompts/get: prompt arguments are strings; '{TextCut.At(name, 100)}' is {Kind(value)}.";
                }
            }
        }

        return null;
    }

    private static bool HoldsInvalidText(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(kv => HoldsInvalidText(kv.Value)),
        JsonArray a => a.Any(HoldsInvalidText),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => !IsValidText(v),
        _ => false,
    };

    private static bool IsValidText(JsonValue value)
    {
        try
        {
            _ = value.GetValue<string>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => IsValidText(v) ? "a string" : "a string holding invalid text (a lone UTF-16 surrogate)",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => "a number",
        JsonValue => "a boolean",
        _ => "not an object",
    };
}
