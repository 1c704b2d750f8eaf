using CheckTraining.Mcp.Check;

namespace CheckTraining.Mcp.Watch;

/// <summary>
/// What counts as "something happened", judged against the watch's first read. A poll that could not read W&amp;B is
/// never a change, and a verdict judged without Modal is compared only with one also judged without it, so a backend's
/// blip is not reported as the run's news.
/// </summary>
public static class WatchRules
{
    /// <summary>The run is in a W&amp;B state it does not leave.</summary>
    public static bool HasEnded(CheckTrainingReport report) => report.Run is { Run.IsEnded: true };

    /// <summary>What happened between <paramref name="first"/> and <paramref name="now"/>, or null to keep waiting.</summary>
    public static (WatchOutcome Outcome, WatchedChange Change)? Seen(CheckTrainingReport first, CheckTrainingReport now, WatchUntil until)
    {
        if (now.Run is not { } run)
        {
            return null;
        }

        if (HasEnded(now))
        {
            return (WatchOutcome.Ended, Describe(first, now, run.Activity.LastLoggedAt));
        }

        var stateChanged = first.Run?.Run.State != run.Run.State;
        var verdictChanged = first.Verdict.Code != now.Verdict.Code && (first.AppError is null) == (now.AppError is null);
        if (until != WatchUntil.Finished && (stateChanged || verdictChanged))
        {
            return (WatchOutcome.Changed, Describe(first, now, null));
        }

        var epochs = run.Validation.Epochs;
        if (until == WatchUntil.Epoch && epochs.Count > 0 && LastEpoch(now) > (LastEpoch(first) ?? double.NegativeInfinity))
        {
            return (WatchOutcome.Epoch, Describe(first, now, epochs[^1].LoggedAt));
        }

        return null;
    }

    /// <summary>The newest validated epoch, or null before the first.</summary>
    public static double? LastEpoch(CheckTrainingReport report) =>
        report.Run?.Validation.Epochs is { Count: > 0 } epochs ? epochs[^1].Epoch : null;

    private static WatchedChange Describe(CheckTrainingReport first, CheckTrainingReport now, DateTimeOffset? loggedAt) =>
        new(first.Verdict.Code, now.Verdict.Code, first.Run?.Run.State, now.Run?.Run.State, LastEpoch(first), LastEpoch(now), now.AsOf, loggedAt);
}
