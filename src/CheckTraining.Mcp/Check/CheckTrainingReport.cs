using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Checkpoints;
using CheckTraining.Mcp.Compare;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Check;

/// <summary>
/// The whole check in one result. Each section holds its value or, if its backend failed, the failure with the fix;
/// a failed section never hides the others. <c>AsOf</c> is the oldest read behind the report. <c>Gpu</c> is null when
/// W&amp;B has no GPU metrics for the run; <c>ConsoleError</c> is the error line its console tail ends with, if any;
/// <c>LiveApps</c> lists Modal's live apps only where no app is the run's own: all of them when W&amp;B could not be
/// read, up to ten when none matched, none when <c>App</c> names the run's app
/// or the run does not exist. <c>Siblings</c> are the running runs of the run's group or sweep.
/// </summary>
public sealed record CheckTrainingReport(
    CheckVerdict Verdict,
    DateTimeOffset AsOf,
    RunMetricsReport? Run,
    SectionFailure? RunError,
    AppMatch? App,
    SectionFailure? AppError,
    IReadOnlyList<AppView> LiveApps,
    GpuUsage? Gpu,
    ConsoleError? ConsoleError,
    BaselineHeadline? Baseline,
    string? BaselineNote,
    CheckpointReport? Checkpoints,
    SectionFailure? CheckpointsError,
    IReadOnlyList<RunSibling> Siblings)
{
    /// <summary>True when neither W&amp;B nor Modal could be read.</summary>
    public bool AllFailed => Run is null && App is null && RunError?.Kind != "RunNotFound";

    /// <summary>The batch loss to draw (the run view's chart), when the run logged any.</summary>
    public LossCurve? Curve { get; init; }

    /// <summary>The configured Modal dashboard (<c>Modal:DashboardUrl</c>), for the run view's link.</summary>
    public string? ModalDashboardUrl { get; init; }
}
