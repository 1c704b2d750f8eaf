using System.Globalization;
using CheckTraining.Mcp.Compare;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Rendering;

/// <summary>The "why" lines: GPU use, the console's error, divergence, and the baseline headline.</summary>
internal static class DiagnosisMarkdown
{
    public static string Gpu(GpuUsage g)
    {
        var findings = new List<string>();
        if (g.Idle)
        {
            findings.Add("idle");
        }

        if (g.UnderUsed)
        {
            findings.Add($"under-used ({GpuWords.Pct(g.UnderUsedWindowUtilization)} over 30 min: input-bound?)");
        }

        if (g.MemoryHigh)
        {
            findings.Add($"memory {GpuWords.Pct(g.PeakRecentMemoryPercent)}: close to out of memory");
        }

        return $"**GPU**: {GpuWords.Describe(g)}; {GpuWords.Pct(g.RunUtilization)} over the run" + (findings.Count > 0 ? " ⚠️ " + string.Join("; ", findings) : "");
    }

    public static string Error(ConsoleError e) =>
        $"**Console error**{(e.Line is { } n ? $" (line {n.ToString(CultureInfo.InvariantCulture)})" : "")}: {Code(e.Text)}";

    /// <summary>Inline code that survives backticks in the text (a longer fence, padded).</summary>
    private static string Code(string text) => text.Contains('`', StringComparison.Ordinal) ? $"`` {text.Replace("``", "` `", StringComparison.Ordinal)} ``" : $"`{text}`";

    public static string Divergence(Divergence d) =>
        $"**Diverged**: {d.Key} went non-finite" +
        (d.Epoch is { } e ? $" at epoch {Format.Epoch(e)}" : "") +
        (d.Step is { } s ? $", step {s.ToString(CultureInfo.InvariantCulture)}" : "") +
        (d.MinutesAgo is { } m ? $" ({Durations.Ago(m)}{(d.Sampled ? "; " + Metrics.Divergence.SampledOnset : "")})" : d.Sampled ? $" ({Metrics.Divergence.SampledOnset})" : "") +
        (d.AtLastLog ? "; still non-finite at the last log" : "; finite again since");

    public static string Baseline(BaselineHeadline b)
    {
        var who = $"**Baseline**: {b.Baseline.DisplayName} ({b.Baseline.Id}), {b.ChosenBy}";
        var at = b.LatestCommonStep is { } step ? $"step {Format.Value(step)}" : b.LatestCommonEpoch is { } epoch ? $"epoch {Format.Epoch(epoch)}" : null;
        if (at is null)
        {
            return who + "; no validated epoch or step in common yet.";
        }

        var deltas = b.Metrics.Where(m => m.AtLatestCommonEpoch is { Run: not null, Baseline: not null })
            .Select(m => Delta(m.Label, m.Percent, m.AtLatestCommonEpoch!));
        return who + $"; at {at}: " + string.Join(", ", deltas);
    }

    public static string Delta(string label, bool percent, EpochDelta d) =>
        $"{label} {Format.Value(d.Run, percent)} vs {Format.Value(d.Baseline, percent)} ({Signed(d.Delta, percent)}{Better(d.Better)})";

    public static string Signed(double? delta, bool percent) => delta switch
    {
        null => "?",
        var v when percent => (v >= 0 ? "+" : "−") + Math.Abs(v.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " pts",
        var v => (v >= 0 ? "+" : "−") + Math.Abs(v.Value).ToString("G3", CultureInfo.InvariantCulture),
    };

    public static string Better(bool? better) => better switch { true => ", better", false => ", worse", null => "" };
}
