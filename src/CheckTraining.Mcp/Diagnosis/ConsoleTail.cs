namespace CheckTraining.Mcp.Diagnosis;

/// <summary>
/// The end of a run's console output, bounded and redacted: where it came from (the W&amp;B console stream, or the run's
/// Modal app logs), the error that ended the run if one shows, and whether anything was cut.
/// </summary>
public sealed record ConsoleTail(
    string Source,
    long? TotalLines,
    IReadOnlyList<ConsoleTailLine> Lines,
    ConsoleError? Error,
    string? Filter,
    int MatchedLines,
    bool LinesCut,
    bool TextCut,
    int Redactions,
    IReadOnlyList<string> Notes);

/// <summary>One line: its number at W&amp;B (null from Modal), time (UTC), stream (stdout, stderr, or null when unknown) and text.</summary>
public sealed record ConsoleTailLine(long? Number, DateTimeOffset? At, string? Stream, string Text)
{
    /// <summary>W&amp;B's console lines as tail lines (level "error" is stderr).</summary>
    public static List<ConsoleTailLine> From(Wandb.ConsoleLines logs) =>
        // W&B numbers lines from 0; people (and editors) count from 1.
        logs.Lines.Select(l => new ConsoleTailLine(l.Number + 1, l.Timestamp, l.Stderr ? "stderr" : "stdout", l.Text)).ToList();
}
