using System.Text.Json.Serialization;
using CheckTraining.Mcp.Modal;

namespace CheckTraining.Mcp.Apps;

/// <summary>
/// One Modal app as reports show it. <c>Phase</c> is our reading of Modal's state text, as its wire word
/// (<see cref="AppPhases.Wire"/>: active, starting, stopping, ended or unknown). <c>UptimeHours</c> is set for active apps, <c>RanHours</c> for ended ones. <c>IsLive</c> is the
/// adapter's own judgement (<see cref="ModalApp.IsLive"/>), carried, not re-derived.
/// </summary>
public sealed record AppView(
    string AppId,
    string Name,
    string State,
    string Phase,
    int? Tasks,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StoppedAt,
    double? UptimeHours,
    double? RanHours,
    [property: JsonIgnore] bool IsLive)
{
    public static AppView From(ModalApp a) =>
        new(a.AppId, a.Name, a.State, a.Phase.Wire(), a.Tasks, a.CreatedAt, a.StoppedAt, a.UptimeHours, a.RanHours, a.IsLive);

    /// <summary>The phase as the enum; the wire keeps the word, so a cached report reads back the same.</summary>
    [JsonIgnore]
    public AppPhase PhaseKind => AppPhases.Parse(Phase);

    /// <summary>Up (not starting or stopping): the app whose tasks may be billing now.</summary>
    [JsonIgnore]
    public bool IsActive => PhaseKind == AppPhase.Active;
}
