using System.Buffers;
using System.Text.Json;

namespace CheckTraining.Mcp.Hosting.Stdio;

/// <summary>
/// The JSON-RPC error the transport answers itself, for a line the SDK never sees: the request id is recovered from
/// the line's first bytes (JSON-RPC: null when it cannot be), so the client's pending request completes.
/// </summary>
internal static class JsonRpcErrorLine
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;

    /// <summary>How much of a line's start is kept to look for its id.</summary>
    public const int IdPrefixBytes = 4096;

    public static byte[] Create(ReadOnlySpan<byte> linePrefix, int code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            WriteId(writer, linePrefix);
            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Walks the top-level object of a possibly incomplete line for a string or number "id".</summary>
    private static void WriteId(Utf8JsonWriter writer, ReadOnlySpan<byte> prefix)
    {
        try
        {
            var reader = new Utf8JsonReader(prefix, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 }));
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isId = reader.ValueTextEquals("id"u8);
                    if (!reader.Read())
                    {
                        break;
                    }

                    if (isId && reader.TokenType == JsonTokenType.String)
                    {
                        writer.WriteStringValue(reader.GetString());
                        return;
                    }

                    if (isId && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
                    {
                        writer.WriteNumberValue(number);
                        return;
                    }

                    if (isId || !reader.TrySkip())
                    {
                        break; // an id of another type, or the rest of this value is past the prefix
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Too malformed to find an id: null, as JSON-RPC says.
        }

        writer.WriteNullValue();
    }
}
