using System.Globalization;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Apps;

namespace CheckTraining.Mcp.Check;

/// <summary>
/// Joins what W&amp;B says about the run with what Modal says about its app. The facts that matter most show only in the
/// join: a run W&amp;B still calls running whose container is gone, or a finished run whose app still holds a GPU.
/// </summary>
internal static class VerdictRules
{
    private static readonly string[] Terminal = ["finished", "crashed", "failed", "killed"];

    /// <param name="run">The W&amp;B report, or null when W&amp;B could not be read.</param>
    /// <param name="apps">The app match, or null when Modal could not be read.</param>
    public static CheckVerdict Decide(RunMetricsReport? run, AppMatch? apps)
    {
        if (run is null)
        {
            var live = apps is null ? "Modal could not be read either." : $"Modal lists {apps.LiveCandidates} live app(s).";
            return new CheckVerdict("unknown", $"Unknown: W&B could not be read, so the run's state is unknown. {live}", true);
        }

        var state = run.Run.State;
        var activity = run.Activity;
        var app = apps?.App;
        var appHolds = app is { Phase: "active" } && app.Tasks is not 0; // unknown task count: assume it may hold a GPU
        var logged = activity.MinutesSinceLastLog is { } m ? $"{Minutes(m)} min ago" : "at an unknown time";

        if (state == "running")
        {
            if (apps is null)
            {
                return activity.Stale
                    ? new CheckVerdict("stale", $"Stale: W&B says running but nothing was logged for {Minutes(activity.MinutesSinceLastLog)} min; Modal could not be read to tell whether the container is up.", true)
                    : new CheckVerdict("healthy", $"Healthy on W&B: running, last log {logged} (Modal could not be read).", false);
            }

            if (app is not null && app.IsLive)
            {
                return activity.Stale
                    ? new CheckVerdict("stale-app-live", $"Stale with a live app: nothing logged for {Minutes(activity.MinutesSinceLastLog)} min, but Modal app {Describe(app)} is still up. It may be hung, or in a long evaluation.", true)
                    : new CheckVerdict("healthy", $"Healthy: running, last log {logged}; Modal app {Describe(app)} is up.", false);
            }

            if (app is not null || apps.LiveCandidates == 0)
            {
                var why = app is not null
                    ? $"its Modal app {app.AppId} is {app.State}" + (app.StoppedAt is { } s ? $" (since {s.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)})" : "")
                    : "Modal lists no live app for it";
                return new CheckVerdict("container-gone",
                    $"Container gone: W&B still says running (last log {logged}), but {why}. W&B will mark the run crashed only when its heartbeat times out.", true);
            }

            return activity.Stale
                ? new CheckVerdict("stale", $"Stale: nothing logged for {Minutes(activity.MinutesSinceLastLog)} min, and no live Modal app was created near the run's start ({apps.LiveCandidates} other live app(s)).", true)
                : new CheckVerdict("healthy", $"Healthy on W&B: running, last log {logged}; no Modal app was created near the run's start ({apps.LiveCandidates} other live app(s): a resumed run?).", false);
        }

        if (Terminal.Contains(state) && appHolds)
        {
            return new CheckVerdict("gpu-still-held",
                $"GPU may still be billed: W&B says {state}, but Modal app {Describe(app!)} is still up. Stopping it is your call " +
                "(Modal dashboard or `modal app stop`); this server never stops anything.", true);
        }

        return state switch
        {
            "finished" => new CheckVerdict("finished", $"Finished: {activity.Verdict}" + AppEnd(app), false),
            "crashed" or "failed" or "killed" => new CheckVerdict("crashed", $"{Capitalized(state)}: {activity.Verdict}" + AppEnd(app), true),
            _ => new CheckVerdict("other", $"W&B state '{state}': {activity.Verdict}", state is "preempting" or "preempted"),
        };
    }

    private static string Describe(AppView app) =>
        $"{app.Name} ({app.AppId}, {app.State}, {(app.Tasks is { } t ? t.ToString(CultureInfo.InvariantCulture) : "?")} task(s))";

    private static string AppEnd(AppView? app) => app is null ? "" : $" Its Modal app {app.AppId} is {app.State}.";

    private static string Minutes(double? m) => m is { } v ? Math.Round(v).ToString(CultureInfo.InvariantCulture) : "?";

    private static string Capitalized(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
