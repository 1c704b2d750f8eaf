using CheckTraining.Mcp.Modal;

namespace CheckTraining.Mcp.Apps;

/// <summary>get_app_status: one <c>modal app list --json</c>, filtered and summarised.</summary>
public sealed class AppStatusService(ModalAppReader reader)
{
    private const int MaxOthers = 5;
    private const int MaxMatches = 20;

    public async Task<AppStatusReport> GetAsync(string? filter, CancellationToken cancellationToken)
    {
        filter = string.IsNullOrWhiteSpace(filter) ? null : filter.Trim();
        if (filter is { Length: > 200 } || (filter?.Any(char.IsControl) ?? false))
        {
            throw new InvalidArgumentException("app must be an app name or id (ap-...) of at most 200 characters, without control characters.");
        }

        var list = await reader.ListAsync(cancellationToken);
        var apps = list.Apps.Select(AppView.From).ToList();

        List<AppView> shown;
        bool truncated;
        if (filter is not null)
        {
            var matches = apps.Where(a => a.AppId.Equals(filter, StringComparison.OrdinalIgnoreCase)
                                          || a.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
            shown = matches.Take(MaxMatches).ToList();
            truncated = matches.Count > MaxMatches;
        }
        else
        {
            var active = apps.Where(a => a.IsLive).ToList();
            var others = apps.Except(active).ToList();
            shown = active.Concat(others.Take(MaxOthers)).ToList();
            truncated = others.Count > MaxOthers;
        }

        var notes = new List<string>();
        if (filter is not null && shown.Count == 0)
        {
            notes.Add($"No app matching '{EchoedInput.Of(filter)}' is listed. Modal lists only live and recently stopped apps, so it may have ended a while ago.");
        }

        if (shown.Any(a => a.IsActive && a.Tasks == 0))
        {
            notes.Add("An active app with 0 tasks is queued for a GPU, between function calls, or scaled to zero.");
        }

        return new AppStatusReport(filter, list.ReadAt, apps.Count(a => a.IsActive), shown, apps.Count, truncated, notes);
    }
}
