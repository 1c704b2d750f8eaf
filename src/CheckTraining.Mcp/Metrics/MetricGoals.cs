using CheckTraining.Mcp.Configuration;

namespace CheckTraining.Mcp.Metrics;

/// <summary>Which direction is better for a metric, where its name makes that plain; otherwise none is claimed.</summary>
internal static class MetricGoals
{
    private static readonly string[] LowerIsBetter = ["loss", "mae", "mse", "rmse", "error", "err", "perplexity", "ppl", "wer", "cer"];
    private static readonly string[] HigherIsBetter = ["acc", "accuracy", "f1", "auc", "precision", "recall", "iou", "bleu"];

    /// <summary>The configured goal, else the one the metric's name implies.</summary>
    public static string? Of(ValidationMetricOptions metric) => metric.Goal ?? Infer(metric.Key);

    /// <summary><c>below</c>, <c>above</c>, or null when the name does not say.</summary>
    public static string? Infer(string key)
    {
        var words = key.ToLowerInvariant().Split(['/', '_', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        var lower = words.Any(w => LowerIsBetter.Contains(w));
        var higher = words.Any(w => HigherIsBetter.Contains(w));
        return lower == higher ? null : lower ? "below" : "above";
    }
}
