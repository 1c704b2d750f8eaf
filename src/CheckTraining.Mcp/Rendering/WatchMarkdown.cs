using System.Globalization;
using CheckTraining.Mcp.Watch;

namespace CheckTraining.Mcp.Rendering;

/// <summary>watch_run's one line on top of the check_training report, and its one-line progress messages.</summary>
internal static class WatchMarkdown
{
    /// <summary>What happened and when, e.g. "**Watch: healthy → crashed** (W&amp;B: running → crashed), seen 08:12:30 UTC, after 1 min (3 polls)."</summary>
    public static string Headline(WatchRunReport w)
    {
        var waited = $"after {Span(w.AnsweredAt - w.StartedAt)} of watching ({w.Polls} poll{(w.Polls == 1 ? "" : "s")}, every {Span(TimeSpan.FromSeconds(w.PollSeconds))})";
        var seen = w.Change is { } c ? $"seen in the read {Clock(c.SeenAt)}{(c.LoggedAt is { } at ? $" (W&B logged it {Clock(at)})" : "")}, {waited}" : waited;
        return w.Outcome switch
        {
            WatchOutcome.Changed => $"**Watch: {Verdicts(w.Change!)}**{States(w.Change!)}, {seen}.",
            WatchOutcome.Epoch => $"**Watch: epoch {Num(w.Change!.ToEpoch)} validated** (the last before was {Num(w.Change.FromEpoch)}), {seen}.",
            WatchOutcome.Ended => $"**Watch: the run ended: {w.Change!.ToState}** ({Verdicts(w.Change)}), {seen}.",
            WatchOutcome.AlreadyEnded => $"**Watch: nothing to wait for**: the run had already ended ({w.Check.Run?.Run.State}). Its report {Format.AsOf(w.Check.AsOf)}:",
            WatchOutcome.NothingToWatch => $"**Watch: nothing to watch**: {w.Check.Verdict.Summary}",
            WatchOutcome.TimedOut => $"**Watch: no change in {Span(TimeSpan.FromSeconds(w.TimeoutSeconds))}** ({w.Polls} polls, every {Span(TimeSpan.FromSeconds(w.PollSeconds))}); the latest report, {Format.AsOf(w.Check.AsOf)}:",
            _ => $"**Watch stopped: the server is shutting down**, {waited}; the latest report, {Format.AsOf(w.Check.AsOf)}:",
        };
    }

    /// <summary>One poll in a few words: "epoch 2/3, batch 14,000 (31 %), healthy".</summary>
    public static string Progress(WatchPoll poll)
    {
        var r = poll.Report;
        if (r.Run is not { } run)
        {
            return $"W&B could not be read ({r.RunError?.Kind}); still watching";
        }

        var p = run.Progress;
        var parts = new List<string>();
        if (p.Epoch is { } e)
        {
            parts.Add($"epoch {Num(e)}" + (p.EpochsTotal is { } total ? "/" + Num(total) : ""));
        }

        if (p.BatchStep is { } step)
        {
            parts.Add($"batch {step.ToString("N0", CultureInfo.InvariantCulture)}" + (p.BatchPercent is { } pct ? $" ({pct.ToString("0", CultureInfo.InvariantCulture)} %)" : ""));
        }

        parts.Add(r.Verdict.Code);
        return string.Join(", ", parts);
    }

    private static string Verdicts(WatchedChange c) => c.FromVerdict == c.ToVerdict ? c.ToVerdict : $"{c.FromVerdict} → {c.ToVerdict}";

    private static string States(WatchedChange c) => c.FromState != c.ToState ? $" (W&B: {c.FromState} → {c.ToState})" : "";

    private static string Clock(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Num(double? v) => v is { } x ? Math.Round(x, 2).ToString(CultureInfo.InvariantCulture) : "none";

    /// <summary>"45 s", "10 min", "1.5 h".</summary>
    private static string Span(TimeSpan t) =>
        t.TotalSeconds < 90 ? $"{Math.Round(t.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s" : Metrics.Durations.Of(t.TotalMinutes);
}
