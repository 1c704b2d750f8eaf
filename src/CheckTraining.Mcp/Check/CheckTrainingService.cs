using CheckTraining.Mcp.Checkpoints;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Modal;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Check;

/// <summary>
/// The seed skill's whole check in one call: the W&amp;B report and <c>modal app list</c> run concurrently (and the run's
/// volume listing, when asked), then the two views are joined into a verdict. At most 2 W&amp;B requests, 1 app list and
/// 1 volume listing. Knows nothing about MCP.
/// </summary>
public sealed class CheckTrainingService(
    RunMetricsService metrics, ModalAppReader apps, CheckpointService checkpoints, IOptions<ModalOptions> modal, TimeProvider clock,
    ILogger<CheckTrainingService> logger)
{
    public async Task<CheckTrainingReport> CheckAsync(RunReference reference, bool includeCheckpoints, CancellationToken cancellationToken)
    {
        // Modal does not need the run: start it first, so the call takes about as long as the slower backend.
        var appList = Outcome.CaptureAsync("Modal", logger, () => apps.ListAsync(cancellationToken));
        var resolved = await Outcome.CaptureAsync("W&B", logger, () => metrics.ResolveAsync(reference, cancellationToken));

        Task<Outcome<RunMetricsReport>> report;
        Task<Outcome<CheckpointReport>>? listing = null;
        if (resolved.Value is { } run)
        {
            report = Outcome.CaptureAsync("W&B", logger, () => metrics.BuildAsync(run, cancellationToken));
            if (includeCheckpoints)
            {
                // The run resolved above, never a second lookup: "latest" cannot pair one run's metrics with another's checkpoints.
                listing = Outcome.CaptureAsync("Modal volume", logger, () => checkpoints.ListAsync(run, fresh: false, cancellationToken));
            }
        }
        else
        {
            report = Task.FromResult(Outcome.Failed<RunMetricsReport>(resolved.Failure!));
            if (includeCheckpoints)
            {
                listing = Task.FromResult(Outcome.Failed<CheckpointReport>(new SectionFailure("Modal volume", "NeedsRun",
                    "The checkpoint listing needs the W&B run's name, and W&B could not be read (see above).")));
            }
        }

        await Task.WhenAll(appList, report, listing ?? Task.CompletedTask);
        var (runReport, appOutcome, listOutcome) = (await report, await appList, listing is null ? default : await listing);
        var match = appOutcome.Value is { } list ? AppMatcher.Match(list, runReport.Value?.Run.CreatedAt, modal.Value) : null;
        var asOf = new[] { runReport.Value?.AsOf, match?.AsOf, listOutcome.Value?.AsOf }.OfType<DateTimeOffset>().DefaultIfEmpty(clock.GetUtcNow()).Min();
        return new CheckTrainingReport(VerdictRules.Decide(runReport.Value, match), asOf,
            runReport.Value, runReport.Failure, match, appOutcome.Failure, listOutcome.Value, listOutcome.Failure);
    }
}
