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
        sb.AppendLine();
        sb.AppendLine(r.Run is { } run ? $"## Training Status: {run.Run.DisplayName} ({run.Run.Id})" : "## Training Status");
        sb.AppendLine();
        RenderApp(sb, r);
        if (r.Run is { } report)
        {
            RunMetricsMarkdown.RenderBody(sb, report);
        }
        else
        {
            sb.AppendLine($"**W&B**: unavailable. {r.RunError?.Message}");
        }

        RenderCheckpoints(sb, r);
        sb.AppendLine();
        sb.AppendLine("### Links");
        if (r.Run is { } linked)
        {
            sb.AppendLine($"- wandb: {linked.Run.Url}");
        }

        if (!string.IsNullOrWhiteSpace(modalDashboardUrl))
        {
            sb.AppendLine($"- Modal: {modalDashboardUrl}");
        }

        if (r.Run is { } noted)
        {
            RunMetricsMarkdown.RenderNotes(sb, noted);
        }

        return sb.ToString().TrimEnd();
    }

    private static void RenderApp(StringBuilder sb, CheckTrainingReport r)
    {
        if (r.App is { } match)
        {
            sb.AppendLine(match.App is { } app
                ? $"**Modal app**: {AppStatusMarkdown.Line(app)}; matched: {match.MatchedBy}. ({Format.AsOf(match.AsOf)})"
                : $"**Modal app**: none matched. {match.MatchedBy}");
        }
        else
        {
            sb.AppendLine($"**Modal**: unavailable. {r.AppError?.Message}");
        }
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
