using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Compare;

/// <summary>Puts a run beside its baseline: validation per epoch, loss at equal progress, pace and cost, config.</summary>
internal static class ComparisonBuilder
{
    private static readonly double[] Progress = [0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0];

    /// <summary>
    /// Each metric at every pass of either run, matched by epoch, or by trainer step when both runs validate by step (a
    /// pass number means nothing across runs that validate at different intervals).
    /// </summary>
    public static IReadOnlyList<MetricComparison> Validation(RunMetricsReport run, RunMetricsReport baseline, out double? latestCommonEpoch,
        out long? latestCommonStep)
    {
        var byStep = run.Validation.PassesBy == ValidationAxis.Step && baseline.Validation.PassesBy == ValidationAxis.Step;
        double Key(ValidationEpoch e) => byStep ? e.AtStep : e.Epoch;
        var common = run.Validation.Epochs.Select(Key).Intersect(baseline.Validation.Epochs.Select(Key)).ToList();
        double? at = common.Count > 0 ? common.Max() : null;
        latestCommonEpoch = byStep ? null : at;
        latestCommonStep = byStep && at is { } s ? (long)s : null;
        return run.Validation.Metrics.Select(m =>
        {
            var other = baseline.Validation.Metrics.FirstOrDefault(b => b.Key == m.Key);
            var epochs = run.Validation.Epochs.Select(Key)
                .Union(baseline.Validation.Epochs.Select(Key))
                .Order()
                .Select(key => Delta(byStep ? null : key, byStep ? (long)key : null, ValueAt(run, m, key, Key),
                    other is null ? null : ValueAt(baseline, other, key, Key), m.Goal))
                .ToList();
            return new MetricComparison(m.Key, m.Label, m.Goal, m.Percent, epochs,
                epochs.FirstOrDefault(e => at is { } a && (byStep ? e.Step == (long)a : e.Epoch == a)));
        }).ToList();
    }

    public static IReadOnlyList<LossAtProgress> Loss(RunMetricsReport run, RunHistory runHistory, RunMetricsReport baseline, RunHistory baselineHistory)
    {
        var a = Curve(run, runHistory);
        var b = Curve(baseline, baselineHistory);
        if (a.Count == 0 || b.Count == 0)
        {
            return [];
        }

        var reach = Math.Min(a[^1].X, b[^1].X);
        return Progress.Where(p => p <= reach + 1e-9).Select(p =>
        {
            var (x, y) = (Around(a, p), Around(b, p));
            var delta = x is { } u && y is { } v ? u - v : (double?)null;
            return new LossAtProgress(p, x, y, Targets.Round(delta, 6), delta is { } d && d != 0 ? d < 0 : null);
        }).ToList();
    }

    public static PaceComparison Pace(RunMetricsReport run, RunMetricsReport baseline) => new(
        run.WallTime.AverageEpochHours, baseline.WallTime.AverageEpochHours,
        GpuPricing.Cost(run.WallTime.AverageEpochHours, run.Cost.PricedAs), GpuPricing.Cost(baseline.WallTime.AverageEpochHours, baseline.Cost.PricedAs));

    private static double? ValueAt(RunMetricsReport report, ValidationMetric metric, double key, Func<ValidationEpoch, double> keyOf)
    {
        var i = report.Validation.Epochs.ToList().FindIndex(e => keyOf(e) == key);
        return i >= 0 && i < metric.Values.Count ? metric.Values[i] : null;
    }

    private static EpochDelta Delta(double? epoch, long? step, double? run, double? baseline, string? goal)
    {
        var delta = run is { } r && baseline is { } b ? r - b : (double?)null;
        bool? better = delta is { } d && d != 0 && goal is "above" or "below" ? (goal == "above") == (d > 0) : null;
        return new EpochDelta(epoch, run, baseline, Targets.Round(delta, 6), better, step);
    }

    /// <summary>The finite loss points against progress in epochs (empty when the run logs no epoch).</summary>
    private static List<(double X, double Y)> Curve(RunMetricsReport report, RunHistory history)
    {
        if (history.Epochs.Count == 0)
        {
            return [];
        }

        var lastStep = history.Loss.Select(p => p.Step).DefaultIfEmpty(0).Max();
        var axis = ProgressAxis.From(history.Epochs, lastStep, report.Run.RunState == WandbRunState.Running ? report.Progress.BatchPercent : null);
        return history.Loss.Where(p => double.IsFinite(p.Value)).Select(p => (axis.X(p.Step), p.Value)).OrderBy(p => p.Item1).ToList();
    }

    /// <summary>The mean loss within ±0.05 epochs of <paramref name="at"/>, else the nearest point within 0.15.</summary>
    private static double? Around(List<(double X, double Y)> curve, double at)
    {
        var near = curve.Where(p => Math.Abs(p.X - at) <= 0.05).Select(p => p.Y).ToList();
        if (near.Count > 0)
        {
            return Targets.Round(near.Average(), 6);
        }

        var nearest = curve.MinBy(p => Math.Abs(p.X - at));
        return Math.Abs(nearest.X - at) <= 0.15 ? Targets.Round(nearest.Y, 6) : null;
    }
}
