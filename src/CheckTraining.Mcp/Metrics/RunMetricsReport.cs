using System.Text.Json.Serialization;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// Everything get_run_metrics reports about one run. Numbers are finite or null; a logged NaN or Infinity appears as
/// null with its key in <c>NonFiniteValues</c> (e.g. "batch/loss=NaN"). <c>Resume</c> is set when the run was resumed.
/// </summary>
public sealed record RunMetricsReport(
    RunIdentity Run,
    DateTimeOffset AsOf,
    double? RuntimeHours,
    IReadOnlyList<ConfigEntry> Config,
    RunProgress Progress,
    ValidationTable Validation,
    LossTrend Loss,
    Divergence? Divergence,
    CategoryAccuracy Categories,
    RunActivity Activity,
    WallTime WallTime,
    CostEstimate Cost,
    IReadOnlyList<string> MissingKeys,
    IReadOnlyList<string> NonFiniteValues,
    IReadOnlyList<string> Notes,
    int WandbRequests,
    RunResume? Resume = null);

/// <summary>Which run this is and how it was found; <c>Group</c> and <c>Sweep</c> as W&amp;B holds them (a sweep's trials share them).</summary>
public sealed record RunIdentity(
    string Id,
    string DisplayName,
    string Entity,
    string Project,
    string State,
    string Url,
    DateTimeOffset? CreatedAt,
    string MatchedBy,
    IReadOnlyList<string> OtherRunsWithSameName,
    string? Group = null,
    string? Sweep = null,
    IReadOnlyList<Namesake>? Namesakes = null)
{
    /// <summary><c>State</c> as the enum, null for a state this build does not know; the wire keeps W&amp;B's text.</summary>
    [JsonIgnore]
    public WandbRunState? RunState => WandbRunStates.Parse(State);

    /// <summary>In a state the run does not leave (<see cref="WandbRunStates.IsEnded"/>).</summary>
    [JsonIgnore]
    public bool IsEnded => RunState.IsEnded();
}

/// <summary>Another run under the same display name: which, in what state, created when.</summary>
public sealed record Namesake(string Id, string State, DateTimeOffset? CreatedAt);

/// <summary>One config summary entry; <c>Value</c> is null when the run has none of the paths.</summary>
public sealed record ConfigEntry(string Label, string? Value, string? Path);

/// <summary>
/// Latest progress from the summary. <c>BatchTotal</c> is derived (step ÷ percentage), so approximate. <c>Step</c> is the
/// trainer step (else _step) and <c>StepsTotal</c> the planned steps from the config (max_steps, total_steps,
/// num_train_steps, or epochs × steps_per_epoch), when it names them.
/// </summary>
public sealed record RunProgress(double? Epoch, double? EpochsTotal, double? BatchStep, double? BatchTotal, double? BatchPercent, double? BatchLoss,
    double? Step = null, double? StepsTotal = null);

/// <summary>
/// Validation metrics per completed validation pass (one column each, whatever the logging style). <c>PassesBy</c> says
/// what a pass is placed by: <c>epoch</c> (whole epochs, the seed skill's style), <c>epochValue</c> (a float epoch such
/// as Hugging Face Trainer's 0.25, 0.5, …) or <c>step</c> (no epoch logged: validation every N steps).
/// <c>EpochsComplete</c> is the whole epochs passed (null when passes are by step).
/// </summary>
public sealed record ValidationTable(
    IReadOnlyList<ValidationEpoch> Epochs,
    IReadOnlyList<ValidationMetric> Metrics,
    bool EpochNumbersInferred,
    bool Sampled,
    string PassesBy = ValidationAxis.Epoch,
    double? EpochsComplete = null);

/// <summary>What validation passes are placed by (<see cref="ValidationTable.PassesBy"/>).</summary>
public static class ValidationAxis
{
    public const string Epoch = "epoch";
    public const string EpochValue = "epochValue";
    public const string Step = "step";
}

/// <summary>
/// One validation pass: the epoch it closes (by step: its number in order), its first step, the run time when it was
/// logged, how many of its log calls hold the shown metrics, and the trainer step it ran at when the run logs one.
/// </summary>
public sealed record ValidationEpoch(double Epoch, long Step, double? RuntimeHours, DateTimeOffset? LoggedAt, int LogCalls, long? TrainerStep = null)
{
    /// <summary>The step to show and compare: the trainer step, else W&amp;B's _step.</summary>
    public long AtStep => TrainerStep ?? Step;
}

/// <summary>One metric across epochs (<c>Values[i]</c> belongs to <c>Epochs[i]</c>) against its target.</summary>
public sealed record ValidationMetric(
    string Key,
    string Label,
    double? Target,
    string? Goal,
    bool Percent,
    IReadOnlyList<double?> Values,
    double? Latest,
    bool? MeetsTarget,
    bool Configured);

/// <summary>Per-category accuracy from the summary, flagged below the threshold.</summary>
public sealed record CategoryAccuracy(double FlagBelow, IReadOnlyList<CategoryEntry> Entries, int FlaggedCount, bool Truncated);

public sealed record CategoryEntry(string Category, double? Accuracy, bool Flagged);

/// <summary>Liveness: server state plus our own staleness check from the last log and heartbeat.</summary>
public sealed record RunActivity(
    DateTimeOffset? LastLoggedAt,
    double? MinutesSinceLastLog,
    DateTimeOffset? HeartbeatAt,
    double? MinutesSinceHeartbeat,
    bool Stale,
    string Verdict);

/// <summary>
/// Epoch wall times from the validation passes' run times, and the projection they give. By step, <c>EpochHours</c> are
/// the times between passes, <c>HoursPer1000Steps</c> the pace, and <c>NoEtaReason</c> says why there is no ETA.
/// </summary>
public sealed record WallTime(
    IReadOnlyList<double> EpochHours,
    double? AverageEpochHours,
    double? ProjectedTotalHours,
    double? RemainingHours,
    DateTimeOffset? EstimatedCompletion,
    double? HoursPer1000Steps = null,
    string? NoEtaReason = null);

/// <summary>Cost on the run's own GPUs: what was priced, at which rate, so far and projected.</summary>
public sealed record CostEstimate(GpuPrice PricedAs, double? SoFar, double? ProjectedTotal);
