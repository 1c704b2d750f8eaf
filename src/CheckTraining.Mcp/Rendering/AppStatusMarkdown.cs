using System.Text;
using CheckTraining.Mcp.Apps;

namespace CheckTraining.Mcp.Rendering;

/// <summary>Renders get_app_status as a compact table.</summary>
internal static class AppStatusMarkdown
{
    public static string Render(AppStatusReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Modal apps" + (r.Filter is { } f ? $" matching '{f}'" : "") + $" ({Format.AsOf(r.AsOf)})");
        sb.AppendLine(r.RunningCount == 0 ? "No running apps." : $"{r.RunningCount} running app(s).");
        if (r.Apps.Count > 0)
        {
            sb.AppendLine();
            MarkdownTable.Append(sb, ["App", "Id", "State", "Tasks", "Created", "Uptime", "Stopped"], r.Apps.Select(a => new[]
            {
                a.Name, a.AppId, a.State, Tasks(a), Format.Time(a.CreatedAt), Uptime(a), a.StoppedAt is null ? "" : Format.Time(a.StoppedAt),
            }));
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

    /// <summary>One app in a sentence, e.g. "melee-train (ap-…) ephemeral (detached), 1 task(s), up 4.2h".</summary>
    public static string Line(AppView a) =>
        $"{a.Name} ({a.AppId}) {a.State}, {Tasks(a)} task(s), " + (a.UptimeHours is not null ? "up " : "") + Uptime(a) +
        (a.StoppedAt is { } s ? $", stopped {Format.Time(s)}" : "");

    private static string Tasks(AppView a) => a.Tasks?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";

    private static string Uptime(AppView a) =>
        a.UptimeHours is { } u ? Format.Hours(u) : a.RanHours is { } ran ? $"ran {Format.Hours(ran)}" : "";
}
