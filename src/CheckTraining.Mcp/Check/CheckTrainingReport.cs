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
/// <c>LiveApps</c> lists Modal's live apps (all of them when W&amp;B could not be read).
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
    SectionFailure? CheckpointsError)
{
    /// <summary>True when neither W&amp;B nor Modal could be read.</summary>
    public bool AllFailed => Run is null && App is null && RunError?.Kind != "RunNotFound";
}
