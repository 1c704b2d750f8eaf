using System.Text;
using CheckTraining.Mcp.Compare;

namespace CheckTraining.Mcp.Rendering;

/// <summary>compare_runs: the two runs side by side.</summary>
internal static class CompareRunsMarkdown
{
    public static string Render(RunComparison c)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"## {c.Run.DisplayName} ({c.Run.Id}) vs baseline {c.Baseline.DisplayName} ({c.Baseline.Id})");
        if (NamesakeLine.For(c.Run) is { } namesakes)
        {
            sb.AppendLine(namesakes);
        }

        sb.AppendLine($"Baseline: {c.BaselineChosenBy}. {Format.AsOf(c.AsOf)}");
        if ((c.LatestCommonStep is { } step ? $"step {Format.Value(step)}" : c.LatestCommonEpoch is { } at ? $"epoch {Format.Epoch(at)}" : null) is { } where)
        {
            var headline = c.Validation.Where(m => m.AtLatestCommonEpoch is { Run: not null, Baseline: not null })
                .Select(m => DiagnosisMarkdown.Delta(m.Label, m.Percent, m.AtLatestCommonEpoch!));
            sb.AppendLine($"**At {where}**: {string.Join(", ", headline)}");
        }

        foreach (var m in c.Validation)
        {
            sb.AppendLine();
            sb.AppendLine($"### {m.Label}" + (m.Goal is { } g ? $" ({(g == "above" ? "higher" : "lower")} is better)" : ""));
            MarkdownTable.Append(sb, [c.LatestCommonStep is null && m.Epochs.All(e => e.Step is null) ? "Epoch" : "Step", "Run", "Baseline", "Δ"], m.Epochs.Select(e => new[]
            {
                e.Step is { } at ? Format.Value(at) : Format.Epoch(e.Epoch), Format.Value(e.Run, m.Percent), Format.Value(e.Baseline, m.Percent),
                DiagnosisMarkdown.Signed(e.Delta, m.Percent) + DiagnosisMarkdown.Better(e.Better),
            }));
        }

        if (c.LossAtProgress.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("### Batch loss at the same progress");
            MarkdownTable.Append(sb, ["Epochs", "Run", "Baseline", "Δ"], c.LossAtProgress.Select(l => new[]
            {
                Format.Value(l.Epochs), Format.Loss(l.Run), Format.Loss(l.Baseline), DiagnosisMarkdown.Signed(l.Delta, false) + DiagnosisMarkdown.Better(l.Better),
            }));
        }

        sb.AppendLine();
        sb.AppendLine("### Pace");
        MarkdownTable.Append(sb, ["", "Run", "Baseline"],
        [
            ["Wall time per epoch", Format.Hours(c.Pace.RunEpochHours), Format.Hours(c.Pace.BaselineEpochHours)],
            ["Cost per epoch", Format.Money(c.Pace.RunEpochCost), Format.Money(c.Pace.BaselineEpochCost)],
        ]);
        if (c.ConfigDifferences.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("### Config differences");
            MarkdownTable.Append(sb, ["Key", "Run", "Baseline"], c.ConfigDifferences.Select(d => new[] { d.Key, d.Run ?? "—", d.Baseline ?? "—" }));
            if (c.ConfigDifferencesNotShown > 0)
            {
                sb.AppendLine($"(and {c.ConfigDifferencesNotShown} more)");
            }
        }

        foreach (var note in c.Notes)
        {
            sb.AppendLine("- " + note);
        }

        return sb.ToString().TrimEnd();
    }
}
