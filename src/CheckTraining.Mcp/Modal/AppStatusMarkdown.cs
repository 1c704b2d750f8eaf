using System.Text;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Modal;

/// <summary>Renders get_app_status as a compact table.</summary>
internal static class AppStatusMarkdown
{
    public static string Render(AppStatusReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Modal apps" + (r.Filter is { } f ? $" matching '{f}'" : ""));
        sb.AppendLine(r.RunningCount == 0 ? "No running apps." : $"{r.RunningCount} running app(s).");
        if (r.Apps.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("| App | Id | State | Tasks | Created | Uptime | Stopped |");
            sb.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var a in r.Apps)
            {
                var uptime = a.UptimeHours is { } u ? Format.Hours(u) : a.RanHours is { } ran ? $"ran {Format.Hours(ran)}" : "";
                sb.AppendLine($"| {a.Name} | {a.AppId} | {a.State} | {a.Tasks?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} | " +
                              $"{Format.Time(a.CreatedAt)} | {uptime} | {(a.StoppedAt is null ? "" : Format.Time(a.StoppedAt))} |");
            }
        }

        if (r.Truncated)
        {
            sb.AppendLine($"(showing {r.Apps.Count} of {r.ListedByModal} listed apps)");
        }

        foreach (var note in r.Notes)
        {
            sb.AppendLine("- " + note);
        }

        return sb.ToString().TrimEnd();
    }
}
