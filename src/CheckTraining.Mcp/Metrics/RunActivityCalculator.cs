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
        var stale = run.State == "running" && (logAge > staleAfterMinutes || heartbeatAge > staleAfterMinutes);
        var lastSeen = Max(lastLog, run.HeartbeatAt);
        var ago = Durations.Ago(MinutesSince(lastSeen, now));

        var verdict = run.State switch
        {
            "running" when stale => $"STALE: last log {Describe(logAge)}, last heartbeat {Describe(heartbeatAge)} " +
                                    $"(threshold {staleAfterMinutes:0.#} min): the run may have died.",
            "running" => $"Live: last log {Describe(logAge)}, last heartbeat {Describe(heartbeatAge)}.",
            "finished" => $"Finished {ago}.",
            // W&B infers "crashed" from missed heartbeats and has flipped live runs to it (wandb/wandb#1526).
            "crashed" when heartbeatAge < staleAfterMinutes =>
                $"W&B says crashed, but the last heartbeat was {Describe(heartbeatAge)}: it may still be training; check its Modal app.",
            _ => $"State '{run.State}', last seen {ago}.",
        };
        return new RunActivity(lastLog, Targets.Round(logAge, 1), run.HeartbeatAt, Targets.Round(heartbeatAge, 1), stale, verdict);
    }

    private static double? MinutesSince(DateTimeOffset? t, DateTimeOffset now) => t is { } v ? Math.Max(0, (now - v).TotalMinutes) : null;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static string Describe(double? minutes) => minutes is null ? "unknown" : Durations.Ago(minutes);
}
