namespace CheckTraining.Mcp.Modal;

/// <summary>
/// One app. <c>Phase</c> is our reading of Modal's state text (<see cref="AppPhase"/>); <c>State</c> is the text itself.
/// <c>UptimeHours</c> is set for active apps, <c>RanHours</c> for ended ones.
/// </summary>
public sealed record ModalApp(
    string AppId,
    string Name,
    string State,
    AppPhase Phase,
    int? Tasks,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StoppedAt,
    double? UptimeHours,
    double? RanHours)
{
    /// <summary>Up, or on its way up or down (phases as <see cref="ModalAppParser"/> reads them): it may hold a container.</summary>
    public bool IsLive => Phase.IsLive();
}

/// <summary>Every app <c>modal app list</c> reported, live ones first then newest first, and when it was read.</summary>
public sealed record ModalAppList(IReadOnlyList<ModalApp> Apps, DateTimeOffset ReadAt);
