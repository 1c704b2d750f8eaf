using CheckTraining.Mcp.Redaction;

namespace CheckTraining.Mcp.Diagnosis;

/// <summary>
/// Bounds, filters and redacts console lines, and names the error on top. The error is found before the filter, so a
/// <c>contains</c> filter never hides why the run ended. Lines over 4,096 characters and text over 32 KB are cut (newest
/// kept); the budget counts each line's rendered prefix (number, time) too, so the text a client shows stays within it.
/// </summary>
internal static class ConsoleTailBuilder
{
    public const int MaxLineChars = 4096;
    public const int MaxTextBytes = 32 * 1024;

    /// <summary>"123456 01:02:03 ! " and the newline: what a rendered line adds to its text.</summary>
    private const int LinePrefixBytes = 19;

    /// <summary>Room for the header, the error line and the notes above the lines.</summary>
    private const int HeaderBytes = 2048;

    /// <summary>What the redactor reads of one line at most (Modal lines have no upstream cap).</summary>
    private const int MaxRawLineChars = 64 * 1024;

    public static ConsoleTail Build(string source, long? total, IReadOnlyList<ConsoleTailLine> raw, string? contains, SecretRedactor redactor,
        IReadOnlyList<string> notes)
    {
        var linesCut = false;
        // Redact whole lines first (a cut through a key would leave a fragment no pattern matches), all together, so a
        // PEM block's body lines are known as such.
        var (redacted, redactions) = redactor.RedactLines(raw.Select(l => TextCut.At(l.Text.TrimEnd('\r', '\n'), MaxRawLineChars, "")).ToList());
        var clean = raw.Select((line, i) =>
        {
            var text = redacted[i];
            if (text.Length > MaxLineChars)
            {
                text = TextCut.At(text, MaxLineChars, " …[cut]");
                linesCut = true;
            }

            return line with { Text = text };
        }).ToList();

        var error = ConsoleErrorFinder.Find(clean.Select(l => (l.Number, l.Text)).ToList());
        var matched = contains is null ? clean : Matching(clean, contains);
        var kept = new List<ConsoleTailLine>();
        var bytes = 0;
        foreach (var line in Enumerable.Reverse(matched))
        {
            bytes += System.Text.Encoding.UTF8.GetByteCount(line.Text) + LinePrefixBytes;
            if (bytes > MaxTextBytes - HeaderBytes)
            {
                break;
            }

            kept.Add(line);
        }

        kept.Reverse();
        return new ConsoleTail(source, total, kept, error, contains, matched.Count, linesCut, kept.Count < matched.Count, redactions, notes);
    }

    /// <summary>
    /// Lines holding <paramref name="contains"/>; a matching traceback header brings its whole block (the indented frames
    /// and the exception line that ends it), since the header alone says nothing.
    /// </summary>
    private static List<ConsoleTailLine> Matching(List<ConsoleTailLine> lines, string contains)
    {
        var matched = new List<ConsoleTailLine>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].Text.Contains(contains, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            matched.Add(lines[i]);
            var header = lines[i].Text.IndexOf("Traceback (most recent call last)", StringComparison.Ordinal);
            if (header < 0)
            {
                continue;
            }

            // Frames are indented after the header's own prefix ("[rank0]: " under torchrun); the exception line is not.
            var prefix = lines[i].Text[..header];
            bool Continues(string text) => text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length;
            while (i + 1 < lines.Count && Continues(lines[i + 1].Text) && char.IsWhiteSpace(lines[i + 1].Text[prefix.Length]))
            {
                matched.Add(lines[++i]);
            }

            if (i + 1 < lines.Count && Continues(lines[i + 1].Text))
            {
                matched.Add(lines[++i]); // the exception line
            }
        }

        return matched;
    }
}
