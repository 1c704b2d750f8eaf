using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Compare;

/// <summary>compare_runs: a run beside its baseline, with how the baseline was chosen.</summary>
public sealed record RunComparison(
    RunIdentity Run,
    RunIdentity Baseline,
    string BaselineChosenBy,
    DateTimeOffset AsOf,
    IReadOnlyList<MetricComparison> Validation,
    double? LatestCommonEpoch,
    IReadOnlyList<LossAtProgress> LossAtProgress,
    PaceComparison Pace,
    IReadOnlyList<ConfigDifference> ConfigDifferences,
    int ConfigDifferencesNotShown,
    IReadOnlyList<string> Notes,
    int WandbRequests,
    long? LatestCommonStep = null);

/// <summary>
/// One validation metric per epoch in both runs (by step: per trainer step, when both validate by step); <c>Better</c> is
/// judged by the metric's goal (null: no goal, or equal).
/// </summary>
public sealed record MetricComparison(string Key, string Label, string? Goal, bool Percent, IReadOnlyList<EpochDelta> Epochs, EpochDelta? AtLatestCommonEpoch);

/// <summary>Both runs at one epoch (<c>Epoch</c>), or at one trainer step (<c>Step</c>) when both validate by step.</summary>
public sealed record EpochDelta(double? Epoch, double? Run, double? Baseline, double? Delta, bool? Better, long? Step = null);

/// <summary>The batch loss around the same training progress (in epochs) in both runs.</summary>
public sealed record LossAtProgress(double Epochs, double? Run, double? Baseline, double? Delta, bool? Better);

/// <summary>Wall time and cost per epoch, each at its own GPUs' rate.</summary>
public sealed record PaceComparison(double? RunEpochHours, double? BaselineEpochHours, double? RunEpochCost, double? BaselineEpochCost);

/// <summary>A config key whose value differs (null: the run has no such key).</summary>
public sealed record ConfigDifference(string Key, string? Run, string? Baseline);

/// <summary>check_training's one line about the baseline: the headline deltas at the latest common epoch (or step, when both validate by step).</summary>
public sealed record BaselineHeadline(RunIdentity Baseline, string ChosenBy, double? LatestCommonEpoch, IReadOnlyList<MetricComparison> Metrics,
    long? LatestCommonStep = null);
