namespace CheckTraining.Mcp.Metrics;

/// <summary>The newest runs of a project, at a glance.</summary>
public sealed record RecentRunsReport(
    string Entity,
    string Project,
    string? StateFilter,
    int Limit,
    DateTimeOffset AsOf,
    IReadOnlyList<RecentRun> Runs,
    bool MoreMayExist,
    int WandbRequests);

/// <summary>One run in the listing; metrics come from the run summary (latest logged values).</summary>
public sealed record RecentRun(
    string Id,
    string DisplayName,
    string State,
    DateTimeOffset? CreatedAt,
    double? RuntimeHours,
    double? MinutesSinceHeartbeat,
    bool Stale,
    double? Epoch,
    double? EpochsTotal,
    IReadOnlyList<HeadlineMetric> Metrics,
    double? Cost,
    GpuPrice PricedAs,
    LossTrend Loss,
    string Url);

/// <summary>A profile metric's latest summary value against its target.</summary>
public sealed record HeadlineMetric(string Key, string Label, double? Value, bool Percent, bool? MeetsTarget);
