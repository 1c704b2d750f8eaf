using System.Globalization;

namespace CheckTraining.Mcp.Metrics;

/// <summary>The loss trend in plain words, only where the curve makes it clear; otherwise nothing is claimed.</summary>
internal static class TrendWords
{
    private const int Buckets = 20;

    /// <summary>A change smaller than this share of the curve's range counts as flat.</summary>
    private const double FlatShare = 0.03;

    public static string? Describe(IReadOnlyList<LossPoint> points)
    {
        if (points.Count < Buckets)
        {
            return null; // too few points to call a trend
        }

        var b = SeriesBuckets.Of(points.Select(p => p.Value).ToList(), Buckets);
        var range = b.Max() - b.Min();
        if (range <= 1e-12 || range <= Math.Abs(b[0]) * 0.01)
        {
            return "flat";
        }

        // The latest bucket at the floor: on a plateau then a spike the rise starts where the plateau ends, not at its start.
        var lowest = LastIndexNear(b, b.Min() + (FlatShare * range));
        var rise = b[^1] - b[lowest];
        // A rise needs three buckets to be told from noise, or one when it is most of the curve's range (a late spike).
        if (rise > 0.15 * range && (lowest < b.Count - 3 || (lowest < b.Count - 1 && rise > 0.5 * range)))
        {
            // Where the minimum was: the epoch at the end of that bucket, when the run logs epochs.
            var at = points[((lowest + 1) * points.Count / b.Count) - 1].Epoch;
            return at is { } e
                ? $"rising since epoch {Math.Floor(e).ToString(CultureInfo.InvariantCulture)}"
                : $"rising over the last ~{(b.Count - lowest - 1) * 100 / b.Count}%";
        }

        // A spike inside the last bucket hides in its average: the newest rows (the last ~1 %) far above the floor are no fall.
        var newest = points.Skip(points.Count - Math.Max(1, points.Count / 100)).Average(p => p.Value);
        if (newest - b.Min() > 0.5 * range)
        {
            return "rising at the end";
        }

        if (b[^1] < b[0] - FlatShare * range)
        {
            var tail = Math.Abs(b[^1] - b[^3]); // the last ~10%: two of twenty buckets
            return tail <= FlatShare * range ? "falling, flat for the last ~10%" : "falling";
        }

        return null;
    }

    private static int LastIndexNear(IReadOnlyList<double> values, double ceiling)
    {
        var index = 0;
        for (var i = 0; i < values.Count; i++)
        {
            index = values[i] <= ceiling ? i : index;
        }

        return index;
    }
}
