namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// When the run was last resumed. wandb-core keeps <c>_step</c> and <c>_runtime</c> going on resume while new rows get
/// the new wall clock, so a resume is a gap in <c>_timestamp</c> that <c>_runtime</c> does not share (SDKs before
/// April 2025 reset <c>_runtime</c> to 0 instead). <c>Marked</c>: the SDK's telemetry says resumed, gap or not.
/// </summary>
public sealed record RunResume(DateTimeOffset? At, double? MinutesAgo, double? DowntimeHours, bool Marked)
{
    /// <summary>"resumed 32 min ago after 2.9 days down", or "resumed" when the time is not known.</summary>
    public string Words => MinutesAgo is { } ago
        ? $"resumed {Durations.Ago(ago)}" + (DowntimeHours is { } down ? $" after {Durations.Of(down * 60)} down" : "")
        : "resumed";
}

internal static class ResumeFinder
{
    /// <summary>Wall time beyond run time between two rows that counts as the process being down.</summary>
    private const double MinDowntimeMinutes = 10;

    /// <param name="points">Rows with a wall time and a run time (sampled rows will do: the downtime shows between any two).</param>
    /// <param name="marked">Whether the run's telemetry marks it resumed.</param>
    /// <param name="now">The report's clock.</param>
    public static RunResume? Find(IReadOnlyList<LossPoint> points, bool marked, DateTimeOffset now)
    {
        var timed = points.Where(p => p.LoggedAt is not null && p.RuntimeSeconds is not null).OrderBy(p => p.Step).ToList();
        for (var i = timed.Count - 1; i > 0; i--)
        {
            var (before, after) = (timed[i - 1], timed[i]);
            var wall = (after.LoggedAt!.Value - before.LoggedAt!.Value).TotalSeconds;
            var reset = after.RuntimeSeconds < before.RuntimeSeconds;
            // Run time that passed in the new process before this row: all of it after a reset, else what it added.
            var ran = reset ? after.RuntimeSeconds!.Value : after.RuntimeSeconds!.Value - before.RuntimeSeconds!.Value;
            var down = wall - ran;
            if (down >= MinDowntimeMinutes * 60)
            {
                var at = after.LoggedAt.Value.AddSeconds(-ran);
                return new RunResume(at, Targets.Round(Math.Max(0, (now - at).TotalMinutes), 1), Targets.Round(down / 3600), marked);
            }
        }

        return marked ? new RunResume(null, null, null, true) : null;
    }
}
