using System.Text.Json.Nodes;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// A batch-loss point; <c>Epoch</c> is the last epoch logged at or before its step; <c>LoggedAt</c> its _timestamp and
/// <c>RuntimeSeconds</c> its _runtime, when read.
/// </summary>
public sealed record LossPoint(long Step, double Value, double? Epoch, DateTimeOffset? LoggedAt = null, double? RuntimeSeconds = null);

/// <summary>What one sampledHistory answer says: the validation passes, the epoch points and the loss curve.</summary>
internal sealed class RunHistory
{
    private RunHistory(IReadOnlyList<ValidationPass> passes, IReadOnlyList<(long Step, double Epoch)> epochs, IReadOnlyList<LossPoint> loss,
        IReadOnlyList<LossPoint> recentLoss, IReadOnlyDictionary<string, IReadOnlyList<(long Step, double Value)>> extras)
    {
        RecentLoss = recentLoss;
        Extras = extras;
        Passes = passes;
        Epochs = epochs;
        Loss = loss;
    }

    public IReadOnlyList<ValidationPass> Passes { get; }

    /// <summary>Known (step, epoch) points, ascending by step (sampled on long runs).</summary>
    public IReadOnlyList<(long Step, double Epoch)> Epochs { get; }

    /// <summary>
    /// The loss curve, ascending by step: W&amp;B's sample of the whole run, its newest steps (when read whole) thinned to
    /// the same spacing so every part of the run weighs the same, and always the newest row and the tail's extremes.
    /// </summary>
    public IReadOnlyList<LossPoint> Loss { get; }

    /// <summary>Every loss row of the newest <see cref="HistoryPlan.LossTailSteps"/> steps (empty when the curve was not sampled).</summary>
    public IReadOnlyList<LossPoint> RecentLoss { get; }

    /// <summary>The extra series the plan asked for, by key, in step order (non-finite values kept).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(long Step, double Value)>> Extras { get; }

    public static RunHistory Read(HistoryPlan plan, IReadOnlyList<IReadOnlyList<JsonObject>> series)
    {
        var profile = plan.Profile;
        IReadOnlyList<JsonObject> Spec(int? index) => index is { } i && i >= 0 && i < series.Count ? series[i] : [];

        var validation = Join(plan.MetricSpecs.Append(plan.ValidationEpochSpec ?? -1).Append(plan.ValidationStepSpec ?? -1).Select(i => Spec(i)));
        var epochs = Spec(plan.EpochSpec).Concat(Spec(plan.ValidationEpochSpec))
            .Select(r => (Step: JsonValues.AsLong(r["_step"]), Epoch: JsonValues.AsDouble(r[profile.EpochKey])))
            .Where(p => p.Step is not null && p.Epoch is { } e && double.IsFinite(e))
            .Select(p => (p.Step!.Value, p.Epoch!.Value))
            .DistinctBy(p => p.Item1)
            .OrderBy(p => p.Item1)
            .ToList();
        var tail = WithEpochs(LossRows(Spec(plan.LossTailSpec), profile.BatchLossKey), epochs);
        var loss = LossTail.Merge(WithEpochs(LossRows(Spec(plan.LossSpec), profile.BatchLossKey), epochs), tail);

        // Training rows: the loss rows, and epoch rows that hold no validation metric.
        var training = loss.Select(p => p.Step)
            .Concat(epochs.Select(p => p.Item1).Where(s => !validation.ContainsKey(s)))
            .Distinct().Order().ToList();
        var metricKeys = plan.Metrics.Select(m => m.Key).ToList();
        var passes = ValidationPasses.Group(validation, metricKeys, profile.EpochKey, training, epochs, plan.StepKey);
        var extras = plan.ExtraSpecs.ToDictionary(e => e.Key, e => (IReadOnlyList<(long, double)>)Spec(e.Value)
            .Select(r => (Step: JsonValues.AsLong(r["_step"]), Value: JsonValues.AsDouble(r[e.Key])))
            .Where(p => p.Step is not null && p.Value is not null)
            .Select(p => (p.Step!.Value, p.Value!.Value))
            .OrderBy(p => p.Item1)
            .ToList());
        return new RunHistory(passes, epochs, loss, tail, extras);
    }

    private static List<(long Step, double Value, DateTimeOffset? At, double? Runtime)> LossRows(IReadOnlyList<JsonObject> rows, string key) => rows
        .Select(r => (Step: JsonValues.AsLong(r["_step"]), Value: JsonValues.AsDouble(r[key]), At: JsonValues.FromUnixSeconds(JsonValues.AsDouble(r["_timestamp"])),
            Runtime: JsonValues.AsDouble(r["_runtime"])))
        .Where(p => p.Step is not null && p.Value is not null)
        .Select(p => (p.Step!.Value, p.Value!.Value, p.At, p.Runtime))
        .OrderBy(p => p.Item1)
        .ToList();

    /// <summary>Each loss point with the last epoch logged at or before its step.</summary>
    private static List<LossPoint> WithEpochs(List<(long Step, double Value, DateTimeOffset? At, double? Runtime)> rows, List<(long Step, double Epoch)> epochs)
    {
        var loss = new List<LossPoint>(rows.Count);
        var e = 0;
        double? epoch = null;
        foreach (var (step, value, at, runtime) in rows)
        {
            while (e < epochs.Count && epochs[e].Step <= step)
            {
                epoch = epochs[e++].Epoch;
            }

            loss.Add(new LossPoint(step, value, epoch, at, runtime));
        }

        return loss;
    }

    /// <summary>Outer-joins rows of several specs on <c>_step</c>, ordered by step.</summary>
    private static SortedDictionary<long, JsonObject> Join(IEnumerable<IReadOnlyList<JsonObject>> series)
    {
        var rows = new SortedDictionary<long, JsonObject>();
        foreach (var row in series.SelectMany(s => s))
        {
            if (JsonValues.AsLong(row["_step"]) is not { } step)
            {
                continue; // shared-mode runs may omit _step; such rows cannot be placed
            }

            if (!rows.TryGetValue(step, out var merged))
            {
                rows[step] = merged = [];
            }

            foreach (var (key, value) in row)
            {
                merged[key] ??= value?.DeepClone();
            }
        }

        return rows;
    }
}
