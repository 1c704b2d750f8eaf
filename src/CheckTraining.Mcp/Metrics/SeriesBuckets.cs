namespace CheckTraining.Mcp.Metrics;

/// <summary>A long series in a few numbers: consecutive, near-equal buckets, each averaged.</summary>
public static class SeriesBuckets
{
    /// <summary>Splits the values into at most <paramref name="count"/> consecutive, near-equal buckets and averages each.</summary>
    public static IReadOnlyList<double> Of(IReadOnlyList<double> values, int count)
    {
        var n = Math.Min(count, values.Count);
        return Enumerable.Range(0, n)
            .Select(i => values.Skip(i * values.Count / n).Take(((i + 1) * values.Count / n) - (i * values.Count / n)).Average())
            .ToList();
    }
}
