namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// How the fake down-samples, as strictly as W&amp;B may: W&amp;B returns at most <c>samples</c> rows and guarantees
/// neither the first nor the last one (its staff call the sampling non-deterministic and list "always keep first and
/// last" as a feature request, wandb/wandb#5694). So the fake keeps neither end whenever it drops rows: a product that
/// needs an end row must ask for every row, or read the end by a step window.
/// </summary>
internal static class WandbSampling
{
    /// <summary>
    /// Every row when <paramref name="samples"/> covers them (W&amp;B down-samples only when more rows match); otherwise
    /// <paramref name="samples"/> rows by stride from the interior, offset half a stride, so the choice is deterministic
    /// and drops both ends. When only one row is to go, the newest goes (losing it is what hurts a report most).
    /// </summary>
    public static List<T> Pick<T>(IReadOnlyList<T> rows, int samples)
    {
        var n = rows.Count;
        if (samples >= n)
        {
            return [.. rows];
        }

        if (samples <= 0)
        {
            return [];
        }

        if (samples == n - 1)
        {
            return [.. rows.Take(n - 1)];
        }

        var interior = n - 2;
        return Enumerable.Range(0, samples).Select(i => rows[1 + (int)((i + 0.5) * interior / samples)]).ToList();
    }
}
