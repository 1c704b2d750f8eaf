using CheckTraining.Mcp.Checkpoints;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Check;

/// <summary>
/// The whole check in one result. Each section holds its value or, if its backend failed, the failure with the fix;
/// a failed section never hides the others. <c>AsOf</c> is the oldest read behind the report.
/// </summary>
public sealed record CheckTrainingReport(
    CheckVerdict Verdict,
    DateTimeOffset AsOf,
    RunMetricsReport? Run,
    SectionFailure? RunError,
    AppMatch? App,
    SectionFailure? AppError,
    CheckpointReport? Checkpoints,
    SectionFailure? CheckpointsError)
{
    /// <summary>True when neither W&amp;B nor Modal could be read.</summary>
    public bool AllFailed => Run is null && App is null;
}
