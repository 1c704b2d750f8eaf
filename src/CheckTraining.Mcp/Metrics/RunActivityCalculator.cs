using System.Globalization;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// Our own liveness verdict. W&amp;B's state lags (runs stay "running" after dying, or show "crashed" while alive),
/// so a running run is stale when its last log or heartbeat is older than the threshold.
/// </summary>
internal static class RunActivityCalculator
{
    public static RunActivity Calculate(WandbRun run, DateTimeOffset now, double staleAfterMinutes)
    {
        var lastLog = run.LastLoggedAt;
        var logAge = MinutesSince(lastLog, now);
        var heartbeatAge = MinutesSince(run.HeartbeatAt, now);
        var stale = run.RunState == WandbRunState.Running && (logAge > staleAfterMinutes || heartbeatAge > staleAfterMinutes);
        var lastSeen = Max(lastLog, run.HeartbeatAt);
        var ago = Durations.Ago(MinutesSince(lastSeen, now));

        var verdict = run.RunState switch
        {
            // A fresh heartbeat says the process lives: silent, not dead (hung, or a long evaluation).
            WandbRunState.Running when stale && heartbeatAge <= staleAfterMinutes =>
                $"STALE: last log {Describe(logAge)}, but the last heartbeat was {Describe(heartbeatAge)} " +
                $"(threshold {staleAfterMinutes:0.#} min): the process is alive and not logging.",
            WandbRunState.Running when stale => $"STALE: last log {Describe(logAge)}, last heartbeat {Describe(heartbeatAge)} " +
                                    $"(threshold {staleAfterMinutes:0.#} min): the run may have died.",
            WandbRunState.Running => $"Live: last log {Describe(logAge)}, last heartbeat {Describe(heartbeatAge)}.",
            WandbRunState.Finished => $"Finished {ago}.",
            // W&B infers "crashed" from missed heartbeats and has flipped live runs to it (wandb/wandb#1526).
            WandbRunState.Crashed when heartbeatAge < staleAfterMinutes =>
                $"W&B says crashed, but the last heartbeat was {Describe(heartbeatAge)}: it may still be training; check its Modal app.",
            _ => $"State '{run.State}', last seen {ago}.",
        };
        return new RunActivity(lastLog, Targets.Round(logAge, 1), run.HeartbeatAt, Targets.Round(heartbeatAge, 1), stale, verdict);
    }

    /// <summary>The verdict with the resume said: a run resumed after days reads as days old, yet its app is new.</summary>
    public static RunActivity WithResume(RunActivity activity, RunResume? resume, DateTimeOffset? createdAt)
    {
        if (resume is null)
        {
            return activity;
        }

        var when = resume.At is { } at
            ? $"{Capitalised(resume.Words)} ({at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)})"
            : "Resumed (W&B's telemetry says so; when is not in the rows read)";
        var created = createdAt is { } c ? $"; created {c.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}" : "";
        return activity with { Verdict = $"{activity.Verdict} {when}{created}; the runtime counts W&B's active time only." };
    }

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static double? MinutesSince(DateTimeOffset? t, DateTimeOffset now) => t is { } v ? Math.Max(0, (now - v).TotalMinutes) : null;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string Describe(double? minutes) => minutes is null ? "unknown" : Durations.Ago(minutes);
}
