namespace CheckTraining.Mcp.Json;

/// <summary>
/// Tells a JSON body cut short (an object or array never closed, a string never ended) from one that is merely not
/// JSON. It follows only strings and brackets, so W&amp;B's bare NaN tokens (which strict readers reject) do not matter.
/// </summary>
public static class JsonCompleteness
{
    /// <summary>True when the body is empty, or opens an object or array that it never closes.</summary>
    public static bool IsCutShort(ReadOnlySpan<byte> body)
    {
        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            return true;
        }

        if (body[start] is not ((byte)'{' or (byte)'['))
        {
            return false; // not a JSON document at all (an HTML page, plain text): that is another fault
        }

        var depth = 0;
        var inString = false;
        for (var i = start; i < body.Length; i++)
        {
            var b = body[i];
            if (inString)
            {
                if (b == '\\')
                {
                    i++;
                }
                else if (b == '"')
                {
                    inString = false;
                }
            }
            else if (b == '"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                depth++;
            }
            else if (b is (byte)'}' or (byte)']' && --depth == 0)
            {
                return false;
            }
        }

        return true;
    }
}
