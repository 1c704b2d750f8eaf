using System.Globalization;

namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// The last loss value far above the recent minimum: a plateau, then a late spike that bucket means smooth away (a few
/// thousand spiked steps in a 2M-step run are one sampled point or two). <c>Factor</c> is last ÷ recent minimum.
/// </summary>
public sealed record LossSpike(long Step, double Last, double RecentMin, double Factor)
{
    /// <summary>How many times the recent minimum the last value must reach to count.</summary>
    public const double MinFactor = 3;

    /// <summary>The recent part of the curve: its last tenth.</summary>
    private const int RecentShare = 10;

    public string Words => $"spiking: the last value {Fmt(Last)} is {Factor.ToString("0.#", CultureInfo.InvariantCulture)}× the recent minimum {Fmt(RecentMin)}";

    /// <param name="finite">The finite loss points, in step order.</param>
    internal static LossSpike? Find(IReadOnlyList<LossPoint> finite)
    {
        if (finite.Count < RecentShare)
        {
            return null;
        }

        var recent = finite.Skip(finite.Count - (finite.Count / RecentShare)).ToList();
        var min = recent.Min(p => p.Value);
        var last = finite[^1];
        return min > 0 && last.Value >= MinFactor * min ? new LossSpike(last.Step, last.Value, min, Math.Round(last.Value / min, 1)) : null;
    }

    private static string Fmt(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
