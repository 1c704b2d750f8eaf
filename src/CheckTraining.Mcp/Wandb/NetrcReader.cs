namespace CheckTraining.Mcp.Wandb;

/// <summary>Reads the password of one <c>machine</c> entry from a netrc file, the way <c>wandb login</c> writes it.</summary>
internal static class NetrcReader
{
    public static string? FindPassword(string path, string machine)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var tokens = Tokenize(File.ReadAllText(path));
        for (var i = 0; i < tokens.Count; i++)
        {
            var isEntry = tokens[i] == "default" || (tokens[i] == "machine" && i + 1 < tokens.Count && tokens[i + 1] == machine);
            if (!isEntry)
            {
                continue;
            }

            for (var j = i + (tokens[i] == "default" ? 1 : 2); j < tokens.Count && tokens[j] is not ("machine" or "default"); j++)
            {
                if (tokens[j] == "password" && j + 1 < tokens.Count)
                {
                    return tokens[j + 1];
                }
            }

            if (tokens[i] == "machine")
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Whitespace-separated tokens; values may be double-quoted (the SDK shell-quotes when needed).</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            if (text[i] is '"' or '\'')
            {
                var quote = text[i++];
                var start = i;
                while (i < text.Length && text[i] != quote)
                {
                    i++;
                }

                tokens.Add(text[start..Math.Min(i, text.Length)]);
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
        }

        return tokens;
    }
}
