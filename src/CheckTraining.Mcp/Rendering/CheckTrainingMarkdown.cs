using System.Text;
using CheckTraining.Mcp.Check;

namespace CheckTraining.Mcp.Rendering;

/// <summary>check_training in the seed skill's report format, with the verdict on the first line (about 4 KB at most).</summary>
internal static class CheckTrainingMarkdown
{
    private const int MaxCheckpointFiles = 8;

    public static string Render(CheckTrainingReport r, string? modalDashboardUrl)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"**Verdict**: {(r.Verdict.NeedsAttention ? "⚠️" : "✅")} {r.Verdict.Summary}");
        if (r.Run is { } named && NamesakeLine.For(named.Run) is { } namesakes)
        {
            sb.AppendLine(namesakes);
        }

        sb.AppendLine();
        sb.AppendLine(r.Run is { } run ? $"## Training Status: {run.Run.DisplayName} ({run.Run.Id})" : "## Training Status");
        sb.AppendLine();
        RenderApp(sb, r);
        RenderWhy(sb, r);
        if (r.Run is { } report)
        {
            RunMetricsMarkdown.RenderBody(sb, report);
        }
        else
        {
            sb.AppendLine($"**W&B**: {(r.RunError?.Kind == "RunNotFound" ? "" : "unavailable. ")}{r.RunError?.Message}");
        }

        RenderCheckpoints(sb, r);
        var links = new List<string>();
        if (r.Run is { } linked)
        {
            links.Add($"- wandb: {linked.Run.Url}");
        }

        if (!string.IsNullOrWhiteSpace(modalDashboardUrl))
        {
            links.Add($"- Modal: {modalDashboardUrl}");
        }

        if (links.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("### Links");
            links.ForEach(l => sb.AppendLine(l));
        }

        if (r.Run is { } noted)
        {
            RunMetricsMarkdown.RenderNotes(sb, noted);
        }

        return sb.ToString().TrimEnd();
    }

    private static void RenderWhy(StringBuilder sb, CheckTrainingReport r)
    {
        var lines = new List<string>();
        if (r.Gpu is { } gpu)
        {
            lines.Add(DiagnosisMarkdown.Gpu(gpu));
        }
        else if (r.Run is not null)
        {
            lines.Add("**GPU**: no GPU metrics at W&B for this run.");
        }

        if (r.ConsoleError is { } error)
        {
            lines.Add(DiagnosisMarkdown.Error(error));
        }

        if (r.Run?.Divergence is { } d)
        {
            lines.Add(DiagnosisMarkdown.Divergence(d));
        }

        if (r.Baseline is { } b)
        {
            lines.Add(DiagnosisMarkdown.Baseline(b));
        }
        else if (r.BaselineNote is { } note)
        {
            lines.Add($"**Baseline**: {note}");
        }

        foreach (var line in lines)
        {
            sb.AppendLine(line + "  ");
        }

        if (lines.Count > 0)
        {
            sb.AppendLine();
        }
    }

    private static void RenderApp(StringBuilder sb, CheckTrainingReport r)
    {
        if (r.App is { } match)
        {
            sb.AppendLine(match.App is { } app
                ? $"**Modal app**: {AppStatusMarkdown.Line(app)}; matched: {match.MatchedBy}. ({Format.AsOf(match.AsOf)})"
                : $"**Modal app**: none matched. {match.MatchedBy}");
            if (r.Run is null && r.LiveApps.Count > 0)
            {
                sb.AppendLine();
                MarkdownTable.Append(sb, ["Live app", "Id", "State", "Tasks", "Uptime"],
                    r.LiveApps.Select(a => new[] { a.Name, a.AppId, a.State, a.Tasks?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?", Format.Hours(a.UptimeHours) }));
            }
        }
        else
        {
            sb.AppendLine($"**Modal**: unavailable. {r.AppError?.Message}");
        }

        sb.AppendLine();
    }

    private static void RenderCheckpoints(StringBuilder sb, CheckTrainingReport r)
    {
        if (r.Checkpoints is { } c)
        {
            sb.AppendLine();
            sb.AppendLine($"### Checkpoints ({c.Volume}:{c.RemoteDirectory})");
            sb.AppendLine(c.Files.Count == 0 ? "The folder is empty." : string.Join("\n", c.Files.Take(MaxCheckpointFiles)
                .Select(f => $"- {f.Name} ({f.Size ?? "?"}, modified {Format.Time(f.Modified)})")));
            if (c.Files.Count > MaxCheckpointFiles)
            {
                sb.AppendLine($"- … {c.Files.Count - MaxCheckpointFiles} more");
            }
        }
        else if (r.CheckpointsError is { } e)
        {
            sb.AppendLine();
            sb.AppendLine($"### Checkpoints\nUnavailable: {e.Message}");
        }
    }
}
