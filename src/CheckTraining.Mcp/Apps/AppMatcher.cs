using System.Globalization;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Modal;

namespace CheckTraining.Mcp.Apps;

/// <summary>
/// Finds a run's own Modal app: among apps with the configured name (default any), the one created closest to the
/// W&amp;B run's creation, inside a window (default 15 minutes before to 5 after: the container starts before wandb.init).
/// </summary>
public static class AppMatcher
{
    public static AppMatch Match(ModalAppList list, DateTimeOffset? runCreatedAt, ModalOptions options)
    {
        var candidates = list.Apps
            .Where(a => string.IsNullOrWhiteSpace(options.AppName) || a.Name.Equals(options.AppName.Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();
        var live = candidates.Count(a => a.IsLive);
        var named = string.IsNullOrWhiteSpace(options.AppName) ? "" : $" named '{options.AppName.Trim()}'";
        if (runCreatedAt is not { } created)
        {
            return new AppMatch(null, "The run's creation time is unknown (W&B gave none, or could not be read), so no app was matched.", null, candidates.Count, live, list.ReadAt);
        }

        var best = candidates
            .Where(a => a.CreatedAt is not null)
            .Select(a => (App: a, Minutes: (a.CreatedAt!.Value - created).TotalMinutes))
            .Where(x => x.Minutes >= -options.AppMatchBeforeMinutes && x.Minutes <= options.AppMatchAfterMinutes)
            .OrderBy(x => Math.Abs(x.Minutes))
            .FirstOrDefault();
        var window = $"{Num(options.AppMatchBeforeMinutes)} min before to {Num(options.AppMatchAfterMinutes)} min after the run's creation";
        if (best.App is null)
        {
            return new AppMatch(null,
                $"No app{named} was created within {window} ({candidates.Count} app(s){named} listed, {live} live). " +
                "A resumed run starts a new app later than its W&B creation time.",
                null, candidates.Count, live, list.ReadAt);
        }

        var offset = best.Minutes < 0 ? $"{Num(-best.Minutes)} min before" : $"{Num(best.Minutes)} min after";
        return new AppMatch(AppView.From(best.App), $"created {offset} the W&B run (window: {window})", Math.Round(best.Minutes, 1),
            candidates.Count, live, list.ReadAt);
    }

    private static string Num(double minutes) => Math.Round(minutes, 1).ToString(CultureInfo.InvariantCulture);
}
