namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// The batch loss over the run, for reports without pictures: its shape in <see cref="ShapePoints"/> bucket means (a
/// renderer draws them as a sparkline) and, where it is clear, a trend in words.
/// </summary>
public sealed record LossTrend(string Key, int Points, bool Sampled, double? First, double? Last, double? Min, IReadOnlyList<double>? Shape, string? Trend)
{
    /// <summary>How many numbers the shape holds (and how many points list_recent_runs samples per run).</summary>
    public const int ShapePoints = 24;

    public static LossTrend From(IReadOnlyList<LossPoint> points, bool sampled, string key)
    {
        var finite = points.Where(p => double.IsFinite(p.Value)).ToList();
        if (finite.Count == 0)
        {
            return new LossTrend(key, 0, sampled, null, null, null, null, null);
        }

        var shape = SeriesBuckets.Of(finite.Select(p => p.Value).ToList(), ShapePoints);
        return new LossTrend(key, finite.Count, sampled, finite[0].Value, finite[^1].Value, finite.Min(p => p.Value), shape, TrendWords.Describe(finite));
    }
}
