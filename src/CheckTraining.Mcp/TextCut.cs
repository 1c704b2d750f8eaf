namespace CheckTraining.Mcp;

/// <summary>
/// Cuts text to a length without splitting a surrogate pair: half an emoji is not valid text, and the JSON writer
/// refuses to serialise it, which would turn a finished reply into an error.
/// </summary>
public static class TextCut
{
    /// <summary>The first <paramref name="max"/> characters (one fewer if that would split a pair), plus <paramref name="mark"/> when cut.</summary>
    public static string At(string text, int max, string mark = "…")
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end] + mark;
    }
}
