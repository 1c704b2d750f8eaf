using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Checkpoints;
using CheckTraining.Mcp.Compare;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Modal;
using CheckTraining.Mcp.Redaction;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Check;

/// <summary>
/// The seed skill's whole check in one call: the W&amp;B report and <c>modal app list</c> run concurrently (and the run's
/// volume listing, when asked), then the two views are joined into a verdict that says why. The run's GPU sample, its
/// console tail and a baseline ride in the report's own second request: at most 2 W&amp;B requests, 1 app list and
/// 1 volume listing. Knows nothing about MCP.
/// </summary>
public sealed class CheckTrainingService(
    RunMetricsService metrics, ModalAppReader apps, CheckpointService checkpoints, SecretRedactor redactor,
    IOptions<ModalOptions> modal, IOptions<DiagnosisOptions> diagnosis, IOptions<CompareRunsOptions> compare, IOptions<MetricProfileOptions> profile,
    TimeProvider clock, ILogger<CheckTrainingService> logger)
{
    public async Task<CheckTrainingReport> CheckAsync(RunReference reference, bool includeCheckpoints, CancellationToken cancellationToken)
    {
        // Modal does not need the run: start it first, so the call takes about as long as the slower backend.
        var appList = Outcome.CaptureAsync("Modal", logger, () => apps.ListAsync(cancellationToken));
        var resolved = await Outcome.CaptureAsync("W&B", logger, () => metrics.ResolveAsync(reference, cancellationToken));

        Task<Outcome<Reading>> reading;
        Task<Outcome<CheckpointReport>>? listing = null;
        if (resolved.Value is { } run)
        {
            reading = Outcome.CaptureAsync("W&B", logger, () => ReadAsync(run, cancellationToken));
            if (includeCheckpoints)
            {
                // The run resolved above, never a second lookup: "latest" cannot pair one run's metrics with another's checkpoints.
                listing = Outcome.CaptureAsync("Modal volume", logger, () => checkpoints.ListAsync(run, fresh: false, cancellationToken));
            }
        }
        else
        {
            reading = Task.FromResult(Outcome.Failed<Reading>(resolved.Failure!));
            if (includeCheckpoints)
            {
                listing = Task.FromResult(Outcome.Failed<CheckpointReport>(new SectionFailure("Modal volume", "NeedsRun",
                    "The checkpoint listing needs the W&B run's name, and W&B could not be read (see above).")));
            }
        }

        await Task.WhenAll(appList, reading, listing ?? Task.CompletedTask);
        var (read, appOutcome, listOutcome) = (await reading, await appList, listing is null ? default : await listing);
        return Join(read, appOutcome, listOutcome);
    }

    /// <summary>The second request with everything the verdict needs, and what it says.</summary>
    private sealed record Reading(RunMetricsReport Report, GpuUsage? Gpu, ConsoleError? Error, BaselineHeadline? Baseline, string? BaselineNote,
        IReadOnlyList<RunSibling> Siblings, LossCurve? Curve);

    private async Task<Reading> ReadAsync(ResolvedRun run, CancellationToken cancellationToken)
    {
        var d = diagnosis.Value;
        var choice = compare.Value.InCheckTraining ? BaselineChoice.For(run.Run, run.Scope, null, compare.Value) : null;
        // The console tail names a crash's error; a finished run needs none.
        var extras = new RunExtras([], d.EventSamples, run.Run.RunState == WandbRunState.Finished ? null : d.ConsoleTailLines, choice?.Filter, BaselineLoss: false,
            SiblingFilter.For(run.Run));
        var read = await metrics.ReadAsync(run, extras, cancellationToken);
        var report = read.Report;
        var gpu = read.Details.Events is { } events
            ? GpuUsageCalculator.From(events, run.Run.Gpu, report.Run.RunState == WandbRunState.Running, !report.Activity.Stale, clock.GetUtcNow(), d)
            : null;
        var error = read.Details.Logs is { Lines.Count: > 0 } logs
            ? ConsoleTailBuilder.Build("W&B console", logs.Total, ConsoleTailLine.From(logs), null, redactor, []).Error
            : null;
        BaselineHeadline? headline = null;
        string? note = null;
        if (choice is not null && read.Details.Baseline is { } found)
        {
            var (other, _) = metrics.BuildBaseline(run.Scope, read, found);
            var validation = ComparisonBuilder.Validation(report, other, out var latest, out var latestStep);
            headline = new BaselineHeadline(other.Run, choice.ChosenBy, latest, validation, latestStep);
        }
        else if (choice is not null && read.Details.BaselineAsked)
        {
            note = choice.NoneFound(run.Scope);
        }

        var siblings = read.Details.Siblings?.Select(s => new RunSibling(s.Id, s.DisplayName, s.State)).ToList() ?? [];
        return new Reading(report, gpu, error, headline, note, siblings, LossCurve.From(read.History, report, run.Run.HistoryKeys.LastStep));
    }

    private CheckTrainingReport Join(Outcome<Reading> read, Outcome<ModalAppList> appOutcome, Outcome<CheckpointReport> listOutcome)
    {
        var runReport = read.Value?.Report;
        var notFound = read.Failure?.Kind == "RunNotFound";
        var match = appOutcome.Value is not { } list ? null
            : notFound ? new AppMatch(null, "There is no such W&B run, so no app was matched.", null, 0, 0, list.ReadAt)
            : AppMatcher.Match(list, runReport?.Run.CreatedAt, modal.Value, runReport?.Resume?.At);
        var live = appOutcome.Value?.Apps.Select(AppView.From).Where(a => a.IsLive).ToList() ?? [];
        var siblings = read.Value?.Siblings ?? [];
        var facts = new VerdictFacts(runReport, read.Failure, match, live, read.Value?.Gpu, read.Value?.Error, profile.Value.StaleAfterMinutes, siblings);
        var asOf = new[] { runReport?.AsOf, match?.AsOf, listOutcome.Value?.AsOf }.OfType<DateTimeOffset>().DefaultIfEmpty(clock.GetUtcNow()).Min();
        return new CheckTrainingReport(VerdictRules.Decide(facts), asOf, runReport, read.Failure, match, appOutcome.Failure,
            // None for a run that does not exist: Modal's apps say nothing about it.
            notFound ? [] : LiveAppsToList(runReport, match, live), read.Value?.Gpu, read.Value?.Error, read.Value?.Baseline, read.Value?.BaselineNote,
            listOutcome.Value, listOutcome.Failure, siblings)
        {
            Curve = read.Value?.Curve,
            ModalDashboardUrl = string.IsNullOrWhiteSpace(modal.Value.DashboardUrl) ? null : modal.Value.DashboardUrl,
        };
    }

    /// <summary>
    /// Modal's live apps, only where they help find the run: all of them when W&amp;B could not be read, ten when none
    /// matched. A run matched to its app carries that app alone (in <c>App</c>): other teams' apps are no concern of its check.
    /// </summary>
    private static List<AppView> LiveAppsToList(RunMetricsReport? run, AppMatch? match, List<AppView> live) =>
        run is null ? live : match?.App is null ? live.Take(10).ToList() : [];
}
