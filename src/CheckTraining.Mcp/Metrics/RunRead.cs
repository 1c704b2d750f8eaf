using System.Text.Json.Nodes;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Metrics;

/// <summary>What a caller wants in the second request beside the report's own history.</summary>
/// <param name="ExtraKeys">More history series (plot_run's metrics).</param>
/// <param name="EventSamples">System-metrics rows to sample (GPU use), or none.</param>
/// <param name="LogTail">Console lines to read, or none.</param>
/// <param name="BaselineFilter">A baseline run to find by filter, with its history under the same series (each read whole, up to HistoryPlan.MaxSamples), or none.</param>
/// <param name="BaselineLoss">False reads only the baseline's validation (a headline needs no loss curve, which is the bulk of a history).</param>
/// <param name="SiblingFilter">The run's group or sweep siblings to list, or none.</param>
public sealed record RunExtras(IReadOnlyCollection<string> ExtraKeys, int? EventSamples = null, int? LogTail = null, JsonObject? BaselineFilter = null,
    bool BaselineLoss = true, JsonObject? SiblingFilter = null)
{
    public static RunExtras None { get; } = new([]);
}

/// <summary>
/// One run's report, with the rows and plan behind it and the rest of the second request's answer; <c>BaselinePlan</c>
/// is what a baseline's history was read with (when one was asked for).
/// </summary>
internal sealed record RunRead(RunMetricsReport Report, RunHistory History, HistoryPlan Plan, RunDetails Details, HistoryPlan? BaselinePlan);
