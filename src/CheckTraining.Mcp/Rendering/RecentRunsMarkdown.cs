using System.Text;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Rendering;

/// <summary>Renders list_recent_runs as one compact table.</summary>
internal static class RecentRunsMarkdown
{
    public static string Render(RecentRunsReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"## Recent runs in {r.Entity}/{r.Project}" + (r.StateFilter is { } s ? $" (state: {s})" : "") + $" ({Format.AsOf(r.AsOf)})");
        if (r.Runs.Count == 0)
        {
            sb.Append(r.StateFilter is null ? "No runs yet." : $"No {r.StateFilter} runs.");
            return sb.ToString();
        }

        var labels = r.Runs[0].Metrics.Select(m => m.Label).ToList();
        sb.AppendLine();
        MarkdownTable.Append(sb, ["Run", "Id", "State", "Created", "Runtime", "Heartbeat", "Epoch", "Loss", .. labels, "Cost"], r.Runs.Select(run =>
        {
            // Stale is about the last log as much as the heartbeat, so it marks the state, not the heartbeat column.
            var heartbeat = run.MinutesSinceHeartbeat is { } m ? Durations.Ago(m) : "?";
            var state = run.State + (run.Stale ? " ⚠️ STALE" : "");
            var metrics = run.Metrics.Select(x => Format.Value(x.Value, x.Percent) + Format.Mark(x.MeetsTarget));
            return (IEnumerable<string>)
            [
                $"[{run.DisplayName}]({run.Url})", run.Id, state, Format.Time(run.CreatedAt), Format.Hours(run.RuntimeHours), heartbeat,
                $"{Format.Value(run.Epoch)}/{Format.Value(run.EpochsTotal)}", Sparklines.Render(run.Loss.Shape) ?? "", .. metrics,
                $"~{Format.Money(run.Cost)} ({run.PricedAs.Count}× {run.PricedAs.Gpu})",
            ];
        }));

        if (r.MoreMayExist)
        {
            sb.AppendLine();
            sb.Append($"Showing the newest {r.Limit}; older runs may exist (raise limit, up to {RecentRunsService.MaxLimit}).");
        }

        return sb.ToString().TrimEnd();
    }
}
