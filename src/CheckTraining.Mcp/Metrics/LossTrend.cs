using CheckTraining.Mcp.Rendering;

namespace CheckTraining.Mcp.Metrics;

/// <summary>The batch loss over the run, for reports without pictures: a sparkline and, where it is clear, a trend in words.</summary>
public sealed record LossTrend(string Key, int Points, bool Sampled, double? First, double? Last, double? Min, string? Sparkline, string? Trend)
{
    public static LossTrend From(IReadOnlyList<LossPoint> points, bool sampled, string key)
    {
        var finite = points.Where(p => double.IsFinite(p.Value)).ToList();
        if (finite.Count == 0)
        {
            return new LossTrend(key, 0, sampled, null, null, null, null, null);
        }

        return new LossTrend(key, finite.Count, sampled, finite[0].Value, finite[^1].Value, finite.Min(p => p.Value),
            Sparklines.Render(finite.Select(p => p.Value).ToList()), TrendWords.Describe(finite));
    }
}
