using System.Text;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Rendering;

/// <summary>Renders a <see cref="RunMetricsReport"/> in the seed skill's report format, compact (about 4 KB at most).</summary>
internal static class RunMetricsMarkdown
{
    private const int MaxListedOkCategories = 6;
    private const int MaxPendingColumns = 5;

    public static string Render(RunMetricsReport r, string? modalDashboardUrl)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"## Training Status: {r.Run.DisplayName} ({r.Run.Id})");
        if (NamesakeLine.For(r.Run) is { } namesakes)
        {
            sb.AppendLine(namesakes);
        }

        sb.AppendLine();
        RenderBody(sb, r);
        sb.AppendLine();
        sb.AppendLine("### Links");
        sb.AppendLine($"- wandb: {r.Run.Url}");
        if (!string.IsNullOrWhiteSpace(modalDashboardUrl))
        {
            sb.AppendLine($"- Modal: {modalDashboardUrl}");
        }

        RenderNotes(sb, r);
        return sb.ToString().TrimEnd();
    }

    /// <summary>State, config, progress, validation, categories and timing: what check_training shows too.</summary>
    public static void RenderBody(StringBuilder sb, RunMetricsReport r)
    {
        sb.AppendLine($"**State**: {r.Run.State} | **Runtime**: {Format.Hours(r.RuntimeHours)} | " +
                      $"**Cost**: ~{Format.Money(r.Cost.SoFar)} so far" +
                      (r.Cost.ProjectedTotal is { } p ? $", ~{Format.Money(p)} projected" : "") +
                      $" ({Format.Priced(r.Cost.PricedAs)}) | {Format.AsOf(r.AsOf)}");
        if (r.Run.Group is not null || r.Run.Sweep is not null)
        {
            sb.AppendLine(string.Join(" | ", new[] { r.Run.Group is { } g ? $"**Group**: {g}" : null, r.Run.Sweep is { } sweep ? $"**Sweep**: {sweep}" : null }
                .OfType<string>()));
        }

        sb.AppendLine("**Config**: " + string.Join(", ", r.Config.Select(c => $"{c.Label}={c.Value ?? "?"}")));
        sb.AppendLine();

        var pr = r.Progress;
        sb.AppendLine("### Progress");
        if (r.Validation.PassesBy == ValidationAxis.Epoch)
        {
            sb.AppendLine($"Epoch {Format.Epoch(pr.Epoch)}/{Format.Value(pr.EpochsTotal)}, batch {Format.Value(pr.BatchStep)}" +
                          (pr.BatchTotal is { } t ? $"/~{Format.Value(t)}" : "") + // derived from step and percentage
                          $" ({Format.Points(pr.BatchPercent)}%), batch loss {BatchLoss(r)}");
        }
        else
        {
            // No batch/pct here: a float epoch or the trainer step is the progress.
            var steps = $"step {Format.Value(pr.Step)}" + (pr.StepsTotal is { } st ? $"/{Format.Value(st)}" : "");
            sb.AppendLine((r.Validation.PassesBy == ValidationAxis.EpochValue ? $"Epoch {Format.Epoch(pr.Epoch)}/{Format.Value(pr.EpochsTotal)}, {steps}" : "S" + steps[1..]) +
                          $", loss {BatchLoss(r)}");
        }
        if (Sparklines.Render(r.Loss.Shape) is { } spark)
        {
            sb.AppendLine($"Loss trend: {spark} {Format.Loss(r.Loss.First)} → {Format.Loss(r.Loss.Last)}" +
                          (r.Loss.Trend is { } words ? $" ({words})" : ""));
        }

        sb.AppendLine();

        RenderValidation(sb, r.Validation, r.Progress.EpochsTotal);
        RenderCategories(sb, r.Categories);

        sb.AppendLine("### Timing");
        sb.AppendLine((r.Activity.Stale ? "⚠️ " : "") + r.Activity.Verdict);
        var w = r.WallTime;
        var eta = w.EstimatedCompletion is { } at ? $"; ETA {Format.Hours(w.RemainingHours)} → {Format.Time(at)}"
            : w.NoEtaReason is { } why ? $"; no ETA: {why}" : "";
        if (r.Validation.PassesBy == ValidationAxis.Step)
        {
            sb.AppendLine(w.HoursPer1000Steps is { } pace
                ? $"Pace: {Format.Hours(pace)} per 1000 steps" + (w.ProjectedTotalHours is { } projected ? $"; projected total {Format.Hours(projected)}" : "") + eta
                : "Pace: no step logged yet, so no ETA.");
        }
        else if (r.Validation.PassesBy == ValidationAxis.EpochValue && w.AverageEpochHours is { } perEpoch)
        {
            sb.AppendLine($"Epoch wall time: {Format.Hours(perEpoch)} (run time ÷ epoch {Format.Epoch(r.Progress.Epoch)})" +
                          (w.ProjectedTotalHours is { } projected ? $"; projected total {Format.Hours(projected)}" : "") + eta);
        }
        else if (w.AverageEpochHours is { } avg)
        {
            var each = w.EpochHours.Count > 1 ? $" avg ({string.Join(", ", w.EpochHours.Select(h => Format.Hours(h)))})" : " (one epoch so far)";
            sb.AppendLine($"Epoch wall time: {Format.Hours(avg)}{each}" +
                          (w.ProjectedTotalHours is { } total ? $"; projected total {Format.Hours(total)}" : "") +
                          eta);
        }
        else
        {
            sb.AppendLine("Epoch wall time: no completed validation epoch yet, so no ETA.");
        }
    }

    /// <summary>The latest batch loss; a non-finite one as logged ("NaN"), never "—", which reads as "not logged".</summary>
    private static string BatchLoss(RunMetricsReport r) =>
        r.Progress.BatchLoss is null && r.NonFiniteValues.FirstOrDefault(v => v.StartsWith(r.Loss.Key + "=", StringComparison.Ordinal)) is { } token
            ? token[(r.Loss.Key.Length + 1)..]
            : Format.Loss(r.Progress.BatchLoss);

    public static void RenderNotes(StringBuilder sb, RunMetricsReport r)
    {
        // Keys a note already names (validation metrics the run never logged) are not listed twice.
        var missing = r.MissingKeys.Where(k => !r.Notes.Any(n => n.Contains(k, StringComparison.Ordinal))).ToList();
        if (r.Notes.Count > 0 || missing.Count > 0 || r.NonFiniteValues.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("### Notes");
            foreach (var note in r.Notes)
            {
                sb.AppendLine("- " + note);
            }

            if (missing.Count > 0)
            {
                sb.AppendLine("- Missing keys: " + string.Join(", ", missing));
            }

            if (r.NonFiniteValues.Count > 0)
            {
                sb.AppendLine("- ⚠️ Non-finite values (diverged?): " + string.Join(", ", r.NonFiniteValues));
            }
        }
    }

    /// <summary>One column per completed epoch, then "—" columns for the planned epochs still to come (as in the seed).</summary>
    private static void RenderValidation(StringBuilder sb, ValidationTable v, double? epochsTotal)
    {
        sb.AppendLine("### Validation (" + v.PassesBy switch
        {
            ValidationAxis.Step => $"{v.Epochs.Count} validation pass(es), by step",
            ValidationAxis.EpochValue => $"{v.Epochs.Count} validation pass(es), {Format.Value(v.EpochsComplete)} epoch(s) complete",
            _ => $"{v.Epochs.Count} epoch(s) complete",
        } + ")");
        if (v.Metrics.Count == 0 || v.Epochs.Count == 0)
        {
            sb.AppendLine(v.Metrics.Count == 0 ? "No validation metrics logged." : "No validation pass completed yet.");
            sb.AppendLine();
            return;
        }

        var last = v.Epochs[^1].Epoch;
        // Pending columns only for whole epochs: a float epoch or a step has no next column to name.
        var pending = v.PassesBy == ValidationAxis.Epoch && epochsTotal is { } total && total - last is > 0 and <= MaxPendingColumns
            ? Enumerable.Range(1, (int)(total - last)).Select(i => last + i).ToList()
            : [];
        var headers = v.Epochs.Select(e => (v.PassesBy == ValidationAxis.Step ? $"Step {Format.Value(e.AtStep)}" : $"Epoch {Format.Epoch(e.Epoch)}") +
                                           $" ({Format.Hours(e.RuntimeHours)})")
            .Concat(pending.Select(e => $"Epoch {Format.Epoch(e)}"));
        MarkdownTable.Append(sb, ["Metric", .. headers, "Target"], v.Metrics.Select(m => (IEnumerable<string>)
        [
            m.Label, .. m.Values.Select(x => Format.Value(x, m.Percent) + Format.Mark(Targets.Meets(m.Goal, m.Target, x))), .. pending.Select(_ => "—"),
            Format.Target(m.Target, m.Goal, m.Percent),
        ]));

        sb.AppendLine();
    }

    /// <summary>Flagged categories one per line; the rest collapse into one line when there are many.</summary>
    private static void RenderCategories(StringBuilder sb, CategoryAccuracy c)
    {
        if (c.Entries.Count == 0)
        {
            return;
        }

        sb.AppendLine($"### Action Categories (latest; flag < {Format.Value(c.FlagBelow, percent: true)})");
        var ok = c.Entries.Where(e => !e.Flagged).ToList();
        var rows = c.Entries.Where(e => e.Flagged).Select(e => new[] { e.Category, Format.Value(e.Accuracy, percent: true), "<<<" });
        rows = ok.Count <= MaxListedOkCategories
            ? rows.Concat(ok.Select(e => new[] { e.Category, Format.Value(e.Accuracy, percent: true), "" }))
            : rows.Append([$"({ok.Count} others)", Format.Value(ok.Min(e => e.Accuracy), percent: true) + "+", ""]);
        MarkdownTable.Append(sb, ["Category", "Accuracy", "Flag"], rows);

        if (c.Truncated)
        {
            sb.AppendLine("(more categories exist; list truncated)");
        }

        sb.AppendLine();
    }
}
