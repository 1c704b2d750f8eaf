using System.Globalization;
using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Check;

/// <summary>
/// Joins what W&amp;B says about the run with what Modal says about its app, and says why. The facts that matter most
/// show only in the join: a run W&amp;B still calls running whose container is gone, a live app whose GPUs sit idle
/// while nothing is logged (hung), a NaN loss still burning GPU, or a finished run whose app still holds a GPU.
/// </summary>
internal static class VerdictRules
{
    private const int MaxAppsListed = 5;

    /// <summary>A run that logged this recently is alive somewhere, whatever the app match says.</summary>
    private const double JustLoggedMinutes = 5;

    public static CheckVerdict Decide(VerdictFacts f)
    {
        if (f.Run is not { } run)
        {
            return Unread(f);
        }

        if (run.Run.RunState == WandbRunState.Running)
        {
            return Running(f, run);
        }

        var app = f.Apps?.App;
        var heldUp = run.Run.IsEnded && app is { IsActive: true } && app.Tasks is not 0; // unknown task count: it may hold a GPU
        if (heldUp && f.Siblings.Count > 0)
        {
            // A sweep's or .map()'s trials share one app: its tasks are the live siblings', and stopping it would kill them.
            var own = run.Run.RunState == WandbRunState.Finished ? new CheckVerdict(VerdictCode.Finished, run.Activity.Verdict, false) : Crashed(f, run, null);
            return own with { Summary = own.Summary + SharedApp(app!, f.Siblings, run.Run) };
        }

        if (heldUp)
        {
            // W&B's own verdict may be wrong (a fresh heartbeat on a "crashed" run): say so before suggesting a stop.
            var error = f.ConsoleError is { } c && run.Run.RunState != WandbRunState.Finished ? $" Its console ends with: {Cut(c.Text, 200)}." : "";
            var caveat = run.Activity.Verdict.Contains("may still be training", StringComparison.Ordinal) ? " " + run.Activity.Verdict : "";
            return new CheckVerdict(VerdictCode.GpuStillHeld,
                $"GPU may still be billed: W&B says {run.Run.State}, but Modal app {Describe(app!)} is still up.{error}{caveat}" +
                (app!.Tasks is > 1 ? $" It runs {app.Tasks} tasks: if other runs share the app, stopping it stops them too." : "") +
                " Stopping it is your call (Modal dashboard or `modal app stop`); this server never stops anything.", true);
        }

        return run.Run.RunState switch
        {
            WandbRunState.Finished => new CheckVerdict(VerdictCode.Finished, run.Activity.Verdict + AppEnd(app), false), // "Finished 3 days ago."

            WandbRunState.Crashed or WandbRunState.Failed or WandbRunState.Killed => Crashed(f, run, app),
            // The raw text, so a state W&B added since still reads as W&B spells it.
            var other => new CheckVerdict(VerdictCode.Other, $"W&B state '{run.Run.State}': {run.Activity.Verdict}", other is WandbRunState.Preempting or WandbRunState.Preempted),
        };
    }

    private static CheckVerdict Unread(VerdictFacts f)
    {
        var live = f.Apps is null ? "Modal could not be read either." : LiveAppsSentence(f.LiveApps);
        return f.RunError is { Kind: "RunNotFound" } notFound
            ? new CheckVerdict(VerdictCode.NotFound, $"Not found: {notFound.Message}", true) // Modal's apps say nothing about a run that does not exist
            : new CheckVerdict(VerdictCode.Unknown, $"Unknown: W&B could not be read, so the run's state is unknown. {live}", true);
    }

    private static CheckVerdict Running(VerdictFacts f, RunMetricsReport run)
    {
        var activity = run.Activity;
        var app = f.Apps?.App;
        var gpu = f.Gpu;
        var stale = $"nothing logged for {Durations.Of(activity.MinutesSinceLastLog)}";
        if (run.Divergence is { AtLastLog: true } d)
        {
            return new CheckVerdict(VerdictCode.Diverged, $"Diverged: {d.Key} has been non-finite{Since(d)} and still is at the last log, so the run is burning GPU for nothing" +
                (app is { IsLive: true } ? $"; Modal app {app.AppId} is up{Billing(gpu)}." : "."), true);
        }

        if (f.Apps is null)
        {
            return activity.Stale
                ? new CheckVerdict(VerdictCode.Stale, $"Stale: W&B says running but {stale}{GpuNote(gpu)}; Modal could not be read to tell whether the container is up.", true)
                : new CheckVerdict(VerdictCode.Healthy, $"Healthy on W&B: running, last log {Durations.Ago(activity.MinutesSinceLastLog)}{GpuLine(gpu)} (Modal could not be read).", gpu?.MemoryHigh ?? false);
        }

        if (app is { IsLive: true })
        {
            return LiveApp(run, app, gpu, stale, f.StaleAfterMinutes);
        }

        if (Alive(activity, gpu, app, f.StaleAfterMinutes) is { } alive)
        {
            // A fresh heartbeat and fresh GPU samples, newer than any stop, say the container is up: the listing missed it.
            var nearest = app is not null ? $" (the nearest, {app.AppId}, is {app.State})" : "";
            var where = $"no live Modal app matches it{nearest}; if it runs on Modal, check MODAL_ENVIRONMENT / Modal:Environment, Modal:AppName and the Modal profile";
            return activity.Stale
                ? new CheckVerdict(VerdictCode.Stale, $"Stale: {stale}, yet it is alive ({alive}); {where}{GpuNote(gpu)}.", true)
                : new CheckVerdict(VerdictCode.Healthy, $"Healthy on W&B: running, last log {Durations.Ago(activity.MinutesSinceLastLog)}, {alive}; {where}{GpuLine(gpu)}", true);
        }

        if (app is not null || f.Apps.LiveCandidates == 0)
        {
            return Gone(run, app);
        }

        return activity.Stale
            ? new CheckVerdict(VerdictCode.Stale, $"Stale: {stale}, and no live Modal app was created near the run's start ({f.Apps.LiveCandidates} other live app(s)){GpuNote(gpu)}.", true)
            : new CheckVerdict(VerdictCode.Healthy, $"Healthy on W&B: running, last log {Durations.Ago(activity.MinutesSinceLastLog)}; no Modal app was created near the run's start " +
                                          $"({f.Apps.LiveCandidates} other live app(s)){GpuLine(gpu)}", gpu?.MemoryHigh ?? false);
    }

    private static CheckVerdict LiveApp(RunMetricsReport run, AppView app, GpuUsage? sampled, string stale, double staleAfterMinutes)
    {
        var activity = run.Activity;
        // GPU use is evidence only while its samples are fresh: a sample from hours ago says nothing about now.
        var gpu = sampled is { LastSampleMinutesAgo: var age } && age <= staleAfterMinutes ? sampled : null;
        if (!activity.Stale)
        {
            return new CheckVerdict(VerdictCode.Healthy, $"Healthy: running{Resumed(run)}, last log {Durations.Ago(activity.MinutesSinceLastLog)}; Modal app {Describe(app)} is up{GpuLine(gpu)}{Spike(run)}",
                (gpu is not null && (gpu.MemoryHigh || gpu.UnderUsed || gpu.Straggling)) || run.Loss.Spike is not null);
        }

        var heartbeatFresh = activity.MinutesSinceHeartbeat <= staleAfterMinutes;
        if (gpu is { Idle: true } && heartbeatFresh)
        {
            return new CheckVerdict(VerdictCode.Hung,
                $"Hung: alive (heartbeat {Durations.Ago(activity.MinutesSinceHeartbeat)}) but {stale} and {AllGpus(gpu)} idle " +
                $"({GpuWords.Pct(gpu.RecentUtilization)} over the last {gpu.RecentWindowMinutes:0.#} min); Modal app {app.AppId} is up{Billing(gpu)}.", true);
        }

        var why = gpu switch
        {
            null when sampled is not null => $"It may be hung, or in a long evaluation (W&B's last GPU sample is {Durations.Of(sampled.LastSampleMinutesAgo)} old).",
            null => "It may be hung, or in a long evaluation (W&B has no GPU metrics for it).",
            { Idle: true } => $"Its GPUs are idle ({GpuWords.Pct(gpu.RecentUtilization)}) and its heartbeat is old too: the process may have died inside a live container.",
            _ => $"GPUs at {GpuWords.Pct(gpu.RecentUtilization)}: likely a long evaluation or a checkpoint save.",
        };
        return new CheckVerdict(VerdictCode.StaleAppLive, $"Stale with a live app: {stale}, but Modal app {Describe(app)} is still up. {why}", true);
    }

    /// <summary>"heartbeat 1 min ago, GPUs sampled 1 min ago" when both are fresh; null otherwise.</summary>
    private static string? Alive(RunActivity activity, GpuUsage? gpu, AppView? app, double staleAfterMinutes) =>
        activity.MinutesSinceHeartbeat <= staleAfterMinutes && gpu is { LastSampleMinutesAgo: var sampled } && sampled <= staleAfterMinutes
        && (app?.StoppedAt is not { } stopped || (activity.HeartbeatAt > stopped && gpu.LastSampleAt > stopped))
            ? $"heartbeat {Durations.Ago(activity.MinutesSinceHeartbeat)}, GPUs sampled {Durations.Ago(sampled)}"
            : null;

    private static string Spike(RunMetricsReport run) => run.Loss.Spike is { } s
        ? $" Loss {s.Words} (step {s.Step.ToString(CultureInfo.InvariantCulture)}): look at it before trusting the run."
        : "";

    private static string Resumed(RunMetricsReport run) => run.Resume is { } r ? $" ({r.Words})" : "";

    private static string SharedApp(AppView app, IReadOnlyList<RunSibling> siblings, RunIdentity run)
    {
        var of = run.Sweep is { } sweep ? $"sweep {sweep}" : $"group {run.Group}";
        var names = string.Join(", ", siblings.Take(MaxAppsListed).Select(s => $"{s.DisplayName} ({s.Id})")) +
                    (siblings.Count > MaxAppsListed ? $" and {siblings.Count - MaxAppsListed} more" : "");
        return $" Its Modal app {app.Name} ({app.AppId}) is still up with {(app.Tasks is { } t ? t.ToString(CultureInfo.InvariantCulture) : "?")} task(s): " +
               $"they belong to its {siblings.Count} running sibling run(s) in {of}: {names}. Do not stop the app: it hosts live runs.";
    }

    private static CheckVerdict Gone(RunMetricsReport run, AppView? app)
    {
        var activity = run.Activity;
        var logged = Durations.Ago(activity.MinutesSinceLastLog);
        // A matched app that stopped after the last log is a container that just died, not a wrong setting.
        if (activity.MinutesSinceLastLog < JustLoggedMinutes && (app is null || app.StoppedAt < activity.LastLoggedAt))
        {
            // A run that logged a minute ago has a live container somewhere: more likely the wrong Modal environment or app name.
            return new CheckVerdict(VerdictCode.AppNotMatched,
                $"Running (last log {logged}), but no live Modal app matches it" + (app is not null ? $" (the nearest, {app.AppId}, is {app.State})" : "") +
                ". It is alive, so Modal is probably being read in the wrong place: check MODAL_ENVIRONMENT / Modal:Environment, Modal:AppName and the Modal profile.", true);
        }

        var why = app is not null
            ? $"its Modal app {app.AppId} is {app.State}" + (app.StoppedAt is { } s ? $" (since {s.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)})" : "")
            : "Modal lists no live app for it";
        return new CheckVerdict(VerdictCode.ContainerGone,
            $"Container gone: W&B still says running (last log {logged}), but {why}. W&B will mark the run crashed only when its heartbeat times out.", true);
    }

    private static CheckVerdict Crashed(VerdictFacts f, RunMetricsReport run, AppView? app)
    {
        var where = run.Progress.Epoch is { } e
            ? $" at epoch {Num(e)}" + (run.Progress.BatchStep is { } b ? $", batch {Num(b)}" : "")
            : "";
        var error = f.ConsoleError is { } c ? $": {Cut(c.Text, 240)}" : "";
        var memory = f.Gpu is { MemoryHigh: true, PeakRecentMemoryAt: { } at } g
            ? $" GPU memory was at {GpuWords.Pct(g.PeakRecentMemoryPercent)} just before ({at.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)})."
            : "";
        var diverged = run.Divergence is { } d ? $" {d.Key} had gone non-finite{Since(d)}." : "";
        var state = char.ToUpperInvariant(run.Run.State[0]) + run.Run.State[1..];
        var summary = error.Length > 0
            ? $"{state}{where}{error}.{memory}{diverged} ({run.Activity.Verdict})"
            : StateOnly(run.Activity.Verdict) is { } aside
                ? $"{state}{where} ({aside}).{memory}{diverged}" // no error line: W&B's state as an aside, not a colon with nothing to follow
                : $"{state}{where}: {run.Activity.Verdict}{memory}{diverged}";
        return new CheckVerdict(VerdictCode.Crashed, summary + AppEnd(app), true);
    }

    /// <summary>"State 'crashed', last seen 2 h ago." as an aside ("state 'crashed', last seen 2 h ago"); null for any other sentence.</summary>
    private static string? StateOnly(string sentence) =>
        sentence.StartsWith("State '", StringComparison.Ordinal) ? "s" + sentence.Trim().TrimEnd('.')[1..] : null;

    private static string LiveAppsSentence(IReadOnlyList<AppView> live) => live.Count == 0
        ? "Modal lists no live app."
        : $"Modal lists {live.Count} live app(s): " + string.Join("; ", live.Take(MaxAppsListed).Select(Describe)) +
          (live.Count > MaxAppsListed ? $"; and {live.Count - MaxAppsListed} more." : ".");

    private static string GpuLine(GpuUsage? gpu) => gpu is null ? "." : $". GPU: {GpuWords.Describe(gpu)}." + Findings(gpu);

    private static string GpuNote(GpuUsage? gpu) => gpu is null ? "" : $" (GPU: {GpuWords.Describe(gpu)})";

    private static string Findings(GpuUsage gpu) =>
        (gpu.UnderUsed ? $" GPUs averaged {GpuWords.Pct(gpu.UnderUsedWindowUtilization)} over the last 30 min while logging: possibly input-bound." : "") +
        (gpu.MemoryHigh ? $" GPU memory at {GpuWords.Pct(gpu.PeakRecentMemoryPercent)}: close to out of memory." : "");

    private static string Billing(GpuUsage? gpu) => gpu is null ? "" : $" and billing {gpu.GpusSeen}× {gpu.GpuType ?? "GPU"}";

    private static string AllGpus(GpuUsage gpu) => gpu.GpusSeen switch { 1 => "its GPU", 2 => "both GPUs", var n => $"all {n} GPUs" };

    private static string Since(Divergence d) =>
        (d.Epoch is { } e ? $" since epoch {Num(e)}" : d.Step is { } s ? $" since step {s}" : "") +
        (d.Step is { } step && d.Epoch is not null ? $", step {step}" : "") +
        Parenthesis(d.MinutesAgo is { } m ? Durations.Ago(m) : null, d.Sampled && d.Step is not null ? Divergence.SampledOnset : null);

    /// <summary>" (a; b)" of the parts given, or nothing: one parenthesis, never two in a row.</summary>
    private static string Parenthesis(params string?[] parts) =>
        parts.Where(p => p is not null).ToList() is { Count: > 0 } some ? $" ({string.Join("; ", some)})" : "";

    private static string Describe(AppView app) =>
        $"{app.Name} ({app.AppId}, {app.State}, {(app.Tasks is { } t ? t.ToString(CultureInfo.InvariantCulture) : "?")} task(s)" +
        (app.UptimeHours is { } u ? $", up {Durations.Of(u * 60)}" : "") + ")";

    private static string AppEnd(AppView? app) => app is null ? "" : $" Its Modal app {app.AppId} is {app.State}.";

    private static string Num(double v) => Math.Round(v, 2).ToString(CultureInfo.InvariantCulture);

    /// <summary>Cut, and without a closing full stop: every caller ends the sentence itself.</summary>
    private static string Cut(string s, int max) => TextCut.At(s, max, " …").TrimEnd().TrimEnd('.');
}
