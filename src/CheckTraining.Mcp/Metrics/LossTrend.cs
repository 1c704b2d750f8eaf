namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// The batch loss over the run, for reports without pictures: its shape in <see cref="ShapePoints"/> bucket means (a
/// renderer draws them as a sparkline) and, where it is clear, a trend in words.
/// </summary>
/// <c>Spike</c> is set when the last value stands far above the recent minimum; <c>NonFiniteAtEnd</c> when the curve
/// ends in NaN or Infinity (its finite part is what the other numbers describe).
public sealed record LossTrend(string Key, int Points, bool Sampled, double? First, double? Last, double? Min, IReadOnlyList<double>? Shape, string? Trend,
    LossSpike? Spike = null, bool NonFiniteAtEnd = false)
{
    /// <summary>How many numbers the shape holds (and how many points list_recent_runs samples per run).</summary>
    public const int ShapePoints = 24;

    public static LossTrend From(IReadOnlyList<LossPoint> points, bool sampled, string key)
    {
        var finite = points.Where(p => double.IsFinite(p.Value)).ToList();
        var nonFiniteAtEnd = points.Count > 0 && !double.IsFinite(points[^1].Value);
        if (finite.Count == 0)
        {
            return new LossTrend(key, 0, sampled, null, null, null, null, nonFiniteAtEnd ? "non-finite" : null, null, nonFiniteAtEnd);
        }

        var shape = SeriesBuckets.Of(finite.Select(p => p.Value).ToList(), ShapePoints);
        var spike = LossSpike.Find(finite);
        // A curve that ends in NaN is not "falling", whatever its finite part did; a spike is not either.
        var words = nonFiniteAtEnd ? "non-finite at the last log" : spike is not null ? spike.Words : TrendWords.Describe(finite);
        return new LossTrend(key, finite.Count, sampled, finite[0].Value, finite[^1].Value, finite.Min(p => p.Value), shape, words, spike, nonFiniteAtEnd);
    }
}
