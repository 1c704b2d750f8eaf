namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// The batch loss went non-finite. <c>Step</c>, <c>Epoch</c> and <c>At</c> locate the first non-finite point read (on a
/// sampled curve it began at or before it: <c>Sampled</c>); <c>AtLastLog</c> says the latest logged loss is still non-finite.
/// </summary>
public sealed record Divergence(string Key, long? Step, double? Epoch, DateTimeOffset? At, double? MinutesAgo, bool AtLastLog, bool Sampled)
{
    /// <summary>What a sampled curve means for the onset: the verdict and the report say it in these words.</summary>
    public const string SampledOnset = "the curve is sampled, so perhaps a little earlier";
}

internal static class DivergenceFinder
{
    /// <param name="loss">The loss curve as read, non-finite points kept.</param>
    /// <param name="sampled">Whether W&amp;B sampled the curve.</param>
    /// <param name="lastIsNonFinite">Whether the summary's latest loss is non-finite.</param>
    /// <param name="key">The loss key.</param>
    /// <param name="now">The report's clock.</param>
    public static Divergence? Find(IReadOnlyList<LossPoint> loss, bool sampled, bool lastIsNonFinite, string key, DateTimeOffset now)
    {
        var atLast = lastIsNonFinite || (loss.Count > 0 && !double.IsFinite(loss[^1].Value));
        // Still diverged: the onset is where the final non-finite stretch began, not an early blip that recovered.
        var first = atLast && loss.Count > 0 && !double.IsFinite(loss[^1].Value)
            ? loss[FinalStretchStart(loss)]
            : loss.FirstOrDefault(p => !double.IsFinite(p.Value));
        if (first is null && !atLast)
        {
            return null;
        }

        var ago = first?.LoggedAt is { } at ? Targets.Round(Math.Max(0, (now - at).TotalMinutes), 1) : null;
        return new Divergence(key, first?.Step, first?.Epoch, first?.LoggedAt, ago, atLast, sampled);
    }

    private static int FinalStretchStart(IReadOnlyList<LossPoint> loss)
    {
        var i = loss.Count - 1;
        while (i > 0 && !double.IsFinite(loss[i - 1].Value))
        {
            i--;
        }

        return i;
    }
}
