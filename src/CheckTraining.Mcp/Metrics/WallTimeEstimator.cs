using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Metrics;

/// <summary>Wall time per epoch (or per step) from the run times, and the ETA it projects.</summary>
internal static class WallTimeEstimator
{
    public const string NoTotalSteps = "the config names no total steps (max_steps, total_steps, num_train_steps, or epochs × steps_per_epoch)";

    public const string NoPlannedEpochs = "the config names no planned epochs";

    /// <summary>
    /// By whole epochs: average epoch = run time at the last validation / completed epochs. What is left is counted in
    /// work, not in time: remaining = (planned − completed − the current epoch's fraction) × the average epoch, so work
    /// lost in a crash and redone after a resume is remaining too. By a float epoch (HF Trainer): time per epoch = run
    /// time / the current epoch value, remaining = (planned − current value) × that. By step: remaining = (total steps −
    /// current step) × run time per step, and no ETA when the config names no total. The projected total is the run
    /// time so far plus what remains, so it (and the cost projected from it) is never below what was spent.
    /// </summary>
    /// <param name="validation">The completed validation passes.</param>
    /// <param name="progress">The planned epochs or steps, and where the run is.</param>
    /// <param name="runtimeHours">W&amp;B's run time (active time) so far.</param>
    /// <param name="state">W&amp;B's state.</param>
    /// <param name="now">The report's clock.</param>
    public static WallTime Estimate(ValidationTable validation, RunProgress progress, double? runtimeHours, WandbRunState? state, DateTimeOffset now)
    {
        var marks = validation.Epochs.Select(e => e.RuntimeHours).OfType<double>().ToList();
        var durations = marks.Select((h, i) => Math.Round(i == 0 ? h : h - marks[i - 1], 2)).ToList();
        double? average = null, remaining = null, perThousand = null;
        string? noEta = null;
        switch (validation.PassesBy)
        {
            case ValidationAxis.Step:
                var lastPass = validation.Epochs.Count > 0 ? validation.Epochs[^1] : null;
                var (hours, steps) = runtimeHours is { } rh && progress.Step is > 0 ? (rh, progress.Step.Value)
                    : lastPass is { RuntimeHours: { } lh } && lastPass.AtStep > 0 ? (lh, lastPass.AtStep) : (0.0, 0.0);
                double? perStep = steps > 0 ? hours / steps : null;
                perThousand = perStep * 1000;
                remaining = progress.StepsTotal is { } totalSteps && perStep is { } ps ? Math.Max(0, totalSteps - (progress.Step ?? steps)) * ps : null;
                noEta = progress.StepsTotal is null ? NoTotalSteps : null;
                break;
            case ValidationAxis.EpochValue:
                var lastEpoch = validation.Epochs.Count > 0 ? validation.Epochs[^1] : null;
                average = runtimeHours is { } r && progress.Epoch is > 0 ? r / progress.Epoch.Value
                    : lastEpoch is { RuntimeHours: { } h, Epoch: > 0 } ? h / lastEpoch.Epoch : null;
                var current = progress.Epoch ?? lastEpoch?.Epoch ?? 0;
                remaining = average is { } each && progress.EpochsTotal is > 0 ? Math.Max(0, progress.EpochsTotal.Value - current) * each : null;
                noEta = progress.EpochsTotal is null ? NoPlannedEpochs : null;
                break;
            default:
                average = marks.Count > 0 ? marks[^1] / marks.Count : null;
                var completed = validation.Epochs.Count > 0 ? validation.Epochs[^1].Epoch : 0;
                // The current epoch's fraction counts only while it is past the last validated one.
                var fraction = progress.Epoch > completed && progress.BatchPercent is > 0 and <= 100 ? progress.BatchPercent.Value / 100 : 0;
                remaining = average is { } a && progress.EpochsTotal is > 0 ? Math.Max(0, progress.EpochsTotal.Value - completed - fraction) * a : null;
                break;
        }

        double? projected = remaining is { } rem && runtimeHours is { } ran0 ? ran0 + rem
            : validation.PassesBy == ValidationAxis.Step ? null : average * progress.EpochsTotal;
        if (state != WandbRunState.Running)
        {
            remaining = state == WandbRunState.Finished ? 0 : null;
            projected = state == WandbRunState.Finished && runtimeHours is { } ran ? ran : projected;
            noEta = null;
        }

        DateTimeOffset? eta = state == WandbRunState.Running && remaining is { } left ? now.AddHours(left) : null;
        return new WallTime(durations, Targets.Round(average), AtLeastSpent(projected, runtimeHours), Targets.Round(remaining), eta, Targets.Round(perThousand, 4), noEta);
    }

    /// <summary>
    /// The projection, rounded, never below the time already spent: rounding 4.985 h down to 4.98 h priced the projected
    /// cost a few cents under the cost so far at a run's last step, and a crashed run's planned work can be less than it ran.
    /// </summary>
    private static double? AtLeastSpent(double? projected, double? runtimeHours)
    {
        var shown = Targets.Round(projected);
        return shown is { } p && runtimeHours is { } ran && double.IsFinite(ran) && p < ran ? Math.Ceiling(ran * 100) / 100 : shown;
    }
}
