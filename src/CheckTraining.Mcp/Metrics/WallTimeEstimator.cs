namespace CheckTraining.Mcp.Metrics;

/// <summary>Wall time per epoch from the validation rows' run times, and the ETA it projects.</summary>
internal static class WallTimeEstimator
{
    /// <summary>Average epoch = run time at the last validation / completed epochs; the rest is projected from it.</summary>
    public static WallTime Estimate(ValidationTable validation, double? epochsTotal, double? runtimeHours, string state, DateTimeOffset now)
    {
        var marks = validation.Epochs.Select(e => e.RuntimeHours).OfType<double>().ToList();
        var durations = marks.Select((h, i) => Math.Round(i == 0 ? h : h - marks[i - 1], 2)).ToList();
        double? average = marks.Count > 0 ? marks[^1] / marks.Count : null;
        double? projected = average is { } a && epochsTotal is > 0 ? a * epochsTotal.Value : null;
        double? remaining = projected is { } p && runtimeHours is { } r ? Math.Max(0, p - r) : null;
        if (state != "running")
        {
            remaining = state == "finished" ? 0 : null;
        }

        DateTimeOffset? eta = state == "running" && remaining is { } rem ? now.AddHours(rem) : null;
        return new WallTime(durations, Targets.Round(average), Targets.Round(projected), Targets.Round(remaining), eta);
    }
}
