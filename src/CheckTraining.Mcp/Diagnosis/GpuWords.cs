using System.Globalization;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Diagnosis;

/// <summary>GPU use in one phrase, e.g. "2× H100, 0 % over the last 10 min (96 % before), memory 80 %".</summary>
public static class GpuWords
{
    public static string Describe(GpuUsage g)
    {
        var who = $"{g.GpusSeen}× {g.GpuType ?? "GPU"}";
        var window = $"{N(g.RecentWindowMinutes)} min";
        var before = g.EarlierUtilization is { } e ? $" ({Pct(e)} before)" : "";
        var memory = g.MemoryAllocatedPercent is { } m ? $", memory {Pct(m)}" : "";
        var age = g.LastSampleMinutesAgo is > 5 ? $"; last sample {Durations.Ago(g.LastSampleMinutesAgo)}" : "";
        return $"{who}, {Pct(g.RecentUtilization)} over the last {window}{before}{memory}{age}";
    }

    public static string Pct(double? v) => v is { } x ? $"{Math.Round(x).ToString(CultureInfo.InvariantCulture)} %" : "?";

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
