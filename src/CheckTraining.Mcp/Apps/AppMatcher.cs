using System.Globalization;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Modal;

namespace CheckTraining.Mcp.Apps;

/// <summary>
/// Finds a run's own Modal app: among apps with the configured name (default any), one created inside a window (default
/// 15 minutes before to 5 after: the container starts before wandb.init) of one of the run's starts. A resumed run starts
/// a new app at each resume, so its latest resume is looked at first, then its creation. A live app beats a stopped
/// one (a relaunch leaves the old app stopped near the run's creation); among equals, the nearest wins.
/// </summary>
public static class AppMatcher
{
    /// <param name="list">Modal's apps.</param>
    /// <param name="runCreatedAt">W&amp;B's creation time of the run (null when W&amp;B gave none or could not be read).</param>
    /// <param name="options">The name filter and window.</param>
    /// <param name="resumedAt">When the run was last resumed, if it was.</param>
    public static AppMatch Match(ModalAppList list, DateTimeOffset? runCreatedAt, ModalOptions options, DateTimeOffset? resumedAt = null)
    {
        var candidates = list.Apps
            .Where(a => string.IsNullOrWhiteSpace(options.AppName) || a.Name.Equals(options.AppName.Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();
        var live = candidates.Count(a => a.IsLive);
        var named = string.IsNullOrWhiteSpace(options.AppName) ? "" : $" named '{options.AppName.Trim()}'";
        if (runCreatedAt is not { } created)
        {
            return new AppMatch(null, "The run's creation time is unknown (W&B gave none), so no app was matched.", null, candidates.Count, live, list.ReadAt);
        }

        // Latest start first: the order breaks ties between a live app near the resume and one near the creation.
        (DateTimeOffset At, string Name)[] starts = resumedAt is { } r && r > created
            ? [(r, "the run's latest resume"), (created, "the W&B run's creation")]
            : [(created, "the W&B run's creation")];
        var best = candidates
            .Where(a => a.CreatedAt is not null)
            .SelectMany(a => starts.Select((s, rank) => (App: a, Start: s, Rank: rank, Minutes: (a.CreatedAt!.Value - s.At).TotalMinutes)))
            .Where(x => x.Minutes >= -options.AppMatchBeforeMinutes && x.Minutes <= options.AppMatchAfterMinutes)
            .OrderBy(x => x.App.IsLive ? 0 : 1)
            .ThenBy(x => x.Rank)
            .ThenBy(x => Math.Abs(x.Minutes))
            .FirstOrDefault();
        var window = $"{Num(options.AppMatchBeforeMinutes)} min before to {Num(options.AppMatchAfterMinutes)} min after";
        if (best.App is null)
        {
            var near = string.Join(" or ", starts.Select(s => s.Name));
            return new AppMatch(null,
                $"No app{named} was created within {window} {near} ({candidates.Count} app(s){named} listed, {live} live).",
                null, candidates.Count, live, list.ReadAt);
        }

        var offset = best.Minutes < 0 ? $"{Num(-best.Minutes)} min before" : $"{Num(best.Minutes)} min after";
        return new AppMatch(AppView.From(best.App), $"created {offset} {best.Start.Name} (window: {window})", Math.Round(best.Minutes, 1),
            candidates.Count, live, list.ReadAt);
    }

    private static string Num(double minutes) => Math.Round(minutes, 1).ToString(CultureInfo.InvariantCulture);
}
