namespace CheckTraining.Mcp.Plots;

/// <summary>An exponential moving average, as W&amp;B's own charts smooth noisy curves.</summary>
internal static class Smoothing
{
    public static IReadOnlyList<double> Ema(IReadOnlyList<double> values)
    {
        var alpha = 2.0 / (Math.Max(5, values.Count / 25) + 1);
        var result = new double[values.Count];
        double? current = null;
        for (var i = 0; i < values.Count; i++)
        {
            current = current is { } c ? c + alpha * (values[i] - c) : values[i];
            result[i] = current.Value;
        }

        return result;
    }
}
