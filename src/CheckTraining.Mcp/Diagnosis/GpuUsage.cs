namespace CheckTraining.Mcp.Diagnosis;

/// <summary>
/// A run's GPU use from W&amp;B's system metrics. Utilisation and memory are means over the GPUs seen; "recent" is the
/// window that ends at the last sample, "earlier" everything before it. <c>Findings</c>: idle, under-used, memory-high,
/// straggler (some GPUs idle while others are busy: <c>Stragglers</c> says which).
/// </summary>
public sealed record GpuUsage(
    int GpusSeen,
    string? GpuType,
    int Samples,
    double? RecentUtilization,
    double? EarlierUtilization,
    double? RunUtilization,
    double? UnderUsedWindowUtilization,
    double? MemoryAllocatedPercent,
    double? PeakRecentMemoryPercent,
    DateTimeOffset? PeakRecentMemoryAt,
    double? PowerWatts,
    DateTimeOffset? LastSampleAt,
    double? LastSampleMinutesAgo,
    double RecentWindowMinutes,
    IReadOnlyList<string> Findings,
    IdleGpus? Stragglers = null)
{
    public bool Straggling => Stragglers is not null;

    public bool Idle => Findings.Contains("idle");

    public bool MemoryHigh => Findings.Contains("memory-high");

    public bool UnderUsed => Findings.Contains("under-used");
}

/// <summary>GPUs (by index) idle over the recent window, for how long, while the <c>Busy</c> ones ran at <c>BusyUtilization</c>.</summary>
public sealed record IdleGpus(IReadOnlyList<int> Idle, IReadOnlyList<int> Busy, double IdleMinutes, double BusyUtilization);
