namespace CheckTraining.Mcp.Metrics;

/// <summary>Wall time per epoch from the validation rows' run times, and the ETA it projects.</summary>
internal static class WallTimeEstimator
{
    /// <summary>
    /// Average epoch = run time at the last validation / completed epochs. What is left is counted in work, not in
    /// time: remaining = (planned − completed − the current epoch's fraction) × the average epoch, so work lost in a
    /// crash and redone after a resume is remaining too. The projected total is the run time so far plus that, so it
    /// (and the cost projected from it) is never below what was spent.
    /// </summary>
    /// <param name="validation">The completed validation passes.</param>
    /// <param name="progress">The planned epochs, and where the current epoch is.</param>
    /// <param name="runtimeHours">W&amp;B's run time (active time) so far.</param>
    /// <param name="state">W&amp;B's state.</param>
    /// <param name="now">The report's clock.</param>
    public static WallTime Estimate(ValidationTable validation, RunProgress progress, double? runtimeHours, string state, DateTimeOffset now)
    {
        var marks = validation.Epochs.Select(e => e.RuntimeHours).OfType<double>().ToList();
        var durations = marks.Select((h, i) => Math.Round(i == 0 ? h : h - marks[i - 1], 2)).ToList();
        double? average = marks.Count > 0 ? marks[^1] / marks.Count : null;
        var completed = validation.Epochs.Count > 0 ? validation.Epochs[^1].Epoch : 0;
        // The current epoch's fraction counts only while it is past the last validated one.
        var fraction = progress.Epoch > completed && progress.BatchPercent is > 0 and <= 100 ? progress.BatchPercent.Value / 100 : 0;
        double? remaining = average is { } a && progress.EpochsTotal is > 0 ? Math.Max(0, progress.EpochsTotal.Value - completed - fraction) * a : null;
        double? projected = remaining is { } rem && runtimeHours is { } r ? r + rem : average * progress.EpochsTotal;
        if (state != "running")
        {
            remaining = state == "finished" ? 0 : null;
            projected = state == "finished" && runtimeHours is { } ran ? ran : projected;
        }

        DateTimeOffset? eta = state == "running" && remaining is { } left ? now.AddHours(left) : null;
        return new WallTime(durations, Targets.Round(average), Targets.Round(projected), Targets.Round(remaining), eta);
    }
}
