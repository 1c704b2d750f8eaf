namespace CheckTraining.Mcp.Redaction;

/// <summary>PEM private-key bodies: everything between the BEGIN and END lines, in one text or across console lines.</summary>
internal static class PemBlocks
{
    /// <summary>Every block's body in <paramref name="text"/> (a block without an END runs to the end of the text).</summary>
    public static string Redact(string text, ref int count)
    {
        var begin = SecretShapes.PemBegin().Match(text);
        while (begin.Success)
        {
            var from = begin.Index + begin.Length;
            var end = SecretShapes.PemEnd().Match(text, from);
            var to = end.Success ? end.Index : text.Length;
            var body = text[from..to];
            if (body.Trim().Length > 0)
            {
                var mark = (body.StartsWith('\n') ? "\n" : "") + SecretRedactor.Mark + (body.EndsWith('\n') ? "\n" : "");
                text = text[..from] + mark + text[to..];
                count++;
                to = from + mark.Length;
            }

            begin = SecretShapes.PemBegin().Match(text, to);
        }

        return text;
    }

    /// <summary>One console line: its body part redacted while <paramref name="inside"/> a block, which BEGIN opens and END closes.</summary>
    public static string RedactLine(string line, ref bool inside, ref int count)
    {
        if (inside)
        {
            var end = SecretShapes.PemEnd().Match(line);
            if (!end.Success)
            {
                return SecretRedactor.Mark; // a body line
            }

            inside = false;
            line = (end.Index > 0 ? SecretRedactor.Mark : "") + line[end.Index..];
        }

        var begin = SecretShapes.PemBegin().Match(line);
        if (begin.Success && !SecretShapes.PemEnd().IsMatch(line, begin.Index))
        {
            // The block goes on below: this line keeps its BEGIN, the body lines that follow are replaced whole.
            inside = true;
            count++;
            var rest = line[(begin.Index + begin.Length)..];
            return line[..(begin.Index + begin.Length)] + (rest.Trim().Length > 0 ? SecretRedactor.Mark : "");
        }

        return Redact(line, ref count);
    }
}
