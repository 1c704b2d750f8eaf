namespace CheckTraining.Mcp.Modal;

/// <summary>Modal apps as <c>modal app list</c> reports them.</summary>
public sealed record AppStatusReport(
    string? Filter,
    int RunningCount,
    IReadOnlyList<ModalApp> Apps,
    int ListedByModal,
    bool Truncated,
    IReadOnlyList<string> Notes);

/// <summary>
/// One app. <c>Phase</c> is our reading of Modal's state text: active, starting, stopping, ended or unknown.
/// <c>UptimeHours</c> is set for active apps, <c>RanHours</c> for ended ones.
/// </summary>
public sealed record ModalApp(
    string AppId,
    string Name,
    string State,
    string Phase,
    int? Tasks,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StoppedAt,
    double? UptimeHours,
    double? RanHours);
