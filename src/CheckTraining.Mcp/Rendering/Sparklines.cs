using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Rendering;

/// <summary>A series as block characters (▁▂▃▄▅▆▇█), for clients that show no pictures.</summary>
public static class Sparklines
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>Bucket means of the finite values, scaled between their min and max; null when there is nothing to draw.</summary>
    public static string? Render(IReadOnlyList<double>? values, int width = LossTrend.ShapePoints)
    {
        var buckets = SeriesBuckets.Of((values ?? []).Where(double.IsFinite).ToList(), width);
        if (buckets.Count == 0)
        {
            return null;
        }

        var (min, max) = (buckets.Min(), buckets.Max());
        var span = max - min;
        return string.Concat(buckets.Select(b => Blocks[span > 0 ? (int)Math.Round((b - min) / span * (Blocks.Length - 1)) : 0]));
    }
}
