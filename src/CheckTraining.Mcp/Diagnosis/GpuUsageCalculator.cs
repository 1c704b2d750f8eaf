using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Json;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Diagnosis;

/// <summary>Reads <c>system.gpu.&lt;i&gt;.*</c> from system-metrics rows (keys may carry a shared-mode <c>/l:label</c> suffix).</summary>
internal static partial class GpuUsageCalculator
{
    /// <returns>Null when the rows hold no GPU metrics (a CPU run, or none sampled yet).</returns>
    public static GpuUsage? From(IReadOnlyList<JsonObject> rows, string? gpuType, bool running, bool logsFresh, DateTimeOffset now, DiagnosisOptions o)
    {
        var samples = rows
            .Select(r => (At: JsonValues.FromUnixSeconds(JsonValues.AsDouble(r["_timestamp"])), Gpu: Read(r)))
            .Where(s => s.At is not null && s.Gpu.Count > 0)
            .Select(s => (At: s.At!.Value, s.Gpu))
            .OrderBy(s => s.At)
            .ToList();
        if (samples.Count == 0)
        {
            return null;
        }

        var last = samples[^1].At;
        var recentFrom = last.AddMinutes(-o.RecentWindowMinutes);
        var recent = samples.Where(s => s.At >= recentFrom).ToList();
        var earlier = samples.Where(s => s.At < recentFrom).ToList();
        var underUsed = samples.Where(s => s.At >= last.AddMinutes(-o.UnderUsedWindowMinutes)).ToList();
        var recentUtil = Mean(recent, g => g.Util);
        var peak = recent.Select(s => (s.At, Memory: Mean(s.Gpu, g => g.Memory))).Where(p => p.Memory is not null).MaxBy(p => p.Memory);
        var memory = Mean(s: samples[^1].Gpu, g => g.Memory);
        var findings = new List<string>();
        if (running && recentUtil < o.GpuIdlePercent)
        {
            findings.Add("idle");
        }
        else if (running && logsFresh && Mean(underUsed, g => g.Util) < o.GpuUnderUsedPercent
                 && (last - underUsed[0].At).TotalMinutes >= o.UnderUsedWindowMinutes * 0.8)
        {
            findings.Add("under-used");
        }

        var stragglers = running ? Stragglers(samples, recentFrom, o.GpuIdlePercent) : null;
        if (stragglers is not null)
        {
            findings.Add("straggler");
        }

        if (peak.Memory >= o.GpuMemoryHighPercent)
        {
            findings.Add("memory-high");
        }

        return new GpuUsage(
            samples.Max(s => s.Gpu.Count), gpuType, samples.Count,
            R(recentUtil), R(Mean(earlier, g => g.Util)), R(Mean(samples, g => g.Util)), R(Mean(underUsed, g => g.Util)),
            R(memory), R(peak.Memory), peak.Memory is null ? null : peak.At,
            R(Mean(recent, g => g.Power)), last, Targets.Round(Math.Max(0, (now - last).TotalMinutes), 1), o.RecentWindowMinutes, findings, stragglers);
    }

    private sealed record Gpu(int Index, double? Util, double? Memory, double? Power);

    /// <summary>
    /// GPUs below the idle threshold over the recent window while the others are busy: the mean hides them (6 of 8
    /// at 95 % read as 71 %), and a straggler or a dead dataloader worker shows only here.
    /// </summary>
    private static IdleGpus? Stragglers(List<(DateTimeOffset At, List<Gpu> Gpu)> samples, DateTimeOffset recentFrom, double idlePercent)
    {
        var recent = samples.Where(s => s.At >= recentFrom).SelectMany(s => s.Gpu).Where(g => g.Util is not null).GroupBy(g => g.Index)
            .ToDictionary(g => g.Key, g => g.Average(x => x.Util!.Value));
        var idle = recent.Where(kv => kv.Value < idlePercent).Select(kv => kv.Key).Order().ToList();
        var busy = recent.Where(kv => kv.Value >= idlePercent).ToList();
        if (idle.Count == 0 || busy.Count == 0)
        {
            return null;
        }

        // Idle since the last sample where any of them was busy (or since the first sample).
        var lastBusy = samples.LastOrDefault(s => s.Gpu.Any(g => idle.Contains(g.Index) && g.Util >= idlePercent)).At;
        var since = lastBusy == default ? samples[0].At : lastBusy;
        return new IdleGpus(idle, busy.Select(kv => kv.Key).Order().ToList(), Targets.Round((samples[^1].At - since).TotalMinutes, 0) ?? 0,
            Targets.Round(busy.Average(kv => kv.Value), 1) ?? 0);
    }

    private static List<Gpu> Read(JsonObject row)
    {
        var gpus = new SortedDictionary<int, Gpu>();
        foreach (var (key, value) in row)
        {
            var m = GpuKey().Match(key);
            if (!m.Success || JsonValues.AsDouble(value) is not { } v || !double.IsFinite(v))
            {
                continue;
            }

            var i = int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            var g = gpus.GetValueOrDefault(i) ?? new Gpu(i, null, null, null);
            gpus[i] = m.Groups[2].Value switch
            {
                "gpu" => g with { Util = v },
                "memoryAllocated" => g with { Memory = v },
                "powerWatts" => g with { Power = v },
                _ => g,
            };
        }

        return gpus.Values.Where(g => g.Util is not null || g.Memory is not null).ToList();
    }

    private static double? Mean(List<(DateTimeOffset At, List<Gpu> Gpu)> samples, Func<Gpu, double?> pick) =>
        samples.Select(s => Mean(s.Gpu, pick)).OfType<double>().DefaultIfEmpty(double.NaN).Average() is var m && double.IsFinite(m) ? m : null;

    private static double? Mean(List<Gpu> s, Func<Gpu, double?> pick) =>
        s.Select(pick).OfType<double>().DefaultIfEmpty(double.NaN).Average() is var m && double.IsFinite(m) ? m : null;

    private static double? R(double? v) => Targets.Round(v, 1);

    [GeneratedRegex(@"^system\.gpu\.(\d+)\.(gpu|memoryAllocated|powerWatts)(/l:.*)?$")]
    private static partial Regex GpuKey();
}
