namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// Puts a long run's newest loss rows, read whole, beside W&amp;B's sample of the rest. W&amp;B keeps no end row of a
/// sample for sure (wandb/wandb#5694), so without the tail the curve's last point can be thousands of steps old and a
/// late spike can fall between samples.
/// </summary>
internal static class LossTail
{
    /// <summary>
    /// The sample before the tail, then the tail thinned to the sample's mean step spacing (so bucketed shapes and trends
    /// weigh every part of the run alike), keeping the tail's highest and lowest finite points, its first non-finite one
    /// and its newest row.
    /// </summary>
    public static IReadOnlyList<LossPoint> Merge(IReadOnlyList<LossPoint> sampled, IReadOnlyList<LossPoint> tail)
    {
        if (tail.Count == 0)
        {
            return sampled;
        }

        var start = tail[0].Step;
        var before = sampled.Where(p => p.Step < start).ToList();
        var spacing = before.Count >= 2 ? (double)(before[^1].Step - before[0].Step) / (before.Count - 1) : 1;
        var finite = tail.Where(p => double.IsFinite(p.Value)).ToList();
        var keep = new HashSet<long> { tail[^1].Step };
        if (finite.Count > 0)
        {
            keep.Add(finite.MaxBy(p => p.Value)!.Step);
            keep.Add(finite.MinBy(p => p.Value)!.Step);
        }

        if (tail.FirstOrDefault(p => !double.IsFinite(p.Value)) is { } firstBad)
        {
            keep.Add(firstBad.Step);
        }

        var merged = new List<LossPoint>(before);
        double last = before.Count > 0 ? before[^1].Step : double.NegativeInfinity;
        foreach (var point in tail)
        {
            if (keep.Contains(point.Step) || point.Step - last >= spacing)
            {
                merged.Add(point);
                last = point.Step;
            }
        }

        return merged;
    }
}
