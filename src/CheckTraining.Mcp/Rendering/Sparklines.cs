namespace CheckTraining.Mcp.Rendering;

/// <summary>A series as block characters (▁▂▃▄▅▆▇█), for clients that show no pictures.</summary>
public static class Sparklines
{
    public const int Width = 24;
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>Bucket means of the finite values, scaled between their min and max; null when there is nothing to draw.</summary>
    public static string? Render(IReadOnlyList<double> values, int width = Width)
    {
        var buckets = Buckets(values.Where(double.IsFinite).ToList(), width);
        if (buckets.Count == 0)
        {
            return null;
        }

        var (min, max) = (buckets.Min(), buckets.Max());
        var span = max - min;
        return string.Concat(buckets.Select(b => Blocks[span > 0 ? (int)Math.Round((b - min) / span * (Blocks.Length - 1)) : 0]));
    }

    /// <summary>Splits the values into at most <paramref name="count"/> consecutive, near-equal buckets and averages each.</summary>
    public static IReadOnlyList<double> Buckets(IReadOnlyList<double> values, int count)
    {
        var n = Math.Min(count, values.Count);
        return Enumerable.Range(0, n)
            .Select(i => values.Skip(i * values.Count / n).Take(((i + 1) * values.Count / n) - (i * values.Count / n)).Average())
            .ToList();
    }
}
