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
        // An old last sample makes "the last 10 min" the run's own, not the clock's.
        var whose = g.LastSampleMinutesAgo > g.RecentWindowMinutes ? "its" : "the";
        var before = g.EarlierUtilization is { } e ? $" ({Pct(e)} earlier in the run)" : "";
        var memory = g.MemoryAllocatedPercent is { } m ? $", memory {Pct(m)}" : "";
        var age = g.LastSampleMinutesAgo is > 5 ? $"; last sample {Durations.Ago(g.LastSampleMinutesAgo)}" : "";
        return $"{who}, {Pct(g.RecentUtilization)} over {whose} last {window}{before}{memory}{age}{Straggler(g.Stragglers)}";
    }

    /// <summary>"; GPUs 6–7 idle for 45 min while 0–5 run at 95 %: a straggler or a dead dataloader worker", or "".</summary>
    public static string Straggler(IdleGpus? s) => s is null
        ? ""
        : $"; {Gpus(s.Idle)} idle for {Durations.Of(s.IdleMinutes)} while {Indices(s.Busy)} run at {Pct(s.BusyUtilization)}: a straggler or a dead dataloader worker";

    private static string Gpus(IReadOnlyList<int> i) => (i.Count == 1 ? "GPU " : "GPUs ") + Indices(i);

    /// <summary>"0–5", "6–7", "1, 4": runs of consecutive indices as ranges.</summary>
    private static string Indices(IReadOnlyList<int> indices)
    {
        var parts = new List<string>();
        for (var i = 0; i < indices.Count; i++)
        {
            var start = indices[i];
            while (i + 1 < indices.Count && indices[i + 1] == indices[i] + 1)
            {
                i++;
            }

            parts.Add(start == indices[i] ? start.ToString(CultureInfo.InvariantCulture) : $"{start}–{indices[i]}");
        }

        return string.Join(", ", parts);
    }

    public static string Pct(double? v) => v is { } x ? $"{Math.Round(x).ToString(CultureInfo.InvariantCulture)} %" : "?";

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
