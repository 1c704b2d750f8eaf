using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Plots;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Check;

/// <summary>
/// The batch loss as the run view draws it: at most <see cref="MaxPoints"/> points against training progress (epochs, or
/// steps when the run logs no epoch), raw (bucket means on a longer series) and smoothed, with the epoch boundaries.
/// <c>SourcePoints</c> is how many finite points W&amp;B returned; <c>Sampled</c> says W&amp;B itself down-sampled them.
/// </summary>
public sealed record LossCurve(
    string Key,
    string XUnit,
    IReadOnlyList<double> EpochBoundaries,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    IReadOnlyList<double> Smoothed,
    int SourcePoints,
    bool Sampled)
{
    /// <summary>Enough for a chart in a chat, small enough to ride in every result (about 7 KB of JSON).</summary>
    public const int MaxPoints = 300;

    /// <summary>The curve of <paramref name="history"/>'s loss, or null when it holds no finite point.</summary>
    internal static LossCurve? From(RunHistory history, RunMetricsReport report, long? lastStep)
    {
        var finite = history.Loss.Where(p => double.IsFinite(p.Value)).ToList();
        if (finite.Count == 0)
        {
            return null;
        }

        var axis = ProgressAxis.From(history.Epochs, lastStep ?? finite[^1].Step,
            report.Run.RunState == WandbRunState.Running ? report.Progress.BatchPercent : null);
        var x = finite.Select(p => axis.X(p.Step)).ToList();
        var y = finite.Select(p => p.Value).ToList();
        var smoothed = Smoothing.Ema(y);
        return new LossCurve(report.Loss.Key, axis.InEpochs ? "epochs" : "step", axis.Boundaries,
            Thin(x, 4), Thin(y, null), Thin(smoothed, null), finite.Count, report.Loss.Sampled);
    }

    /// <summary>At most <see cref="MaxPoints"/> bucket means, rounded (digits after the point, or 6 significant digits).</summary>
    private static List<double> Thin(IReadOnlyList<double> values, int? digits) =>
        SeriesBuckets.Of(values, MaxPoints).Select(v => digits is { } d ? Math.Round(v, d) : Significant(v)).ToList();

    private static double Significant(double v) =>
        v == 0 ? 0 : Math.Round(v, Math.Clamp(5 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 15));
}
