using System.Globalization;

namespace CheckTraining.Mcp.Modal;

/// <summary>
/// Reads <c>modal app list --json</c> in every key style since 0.49: snake_case keys in current CLIs, the table's display
/// names ("App ID", "Created at") in 0.62 to 1.4.
/// </summary>
internal static class ModalAppParser
{
    public static IReadOnlyList<ModalApp> Parse(string stdout, DateTimeOffset now) =>
        ModalJson.ParseRows(stdout, "modal app list").Select(row =>
        {
            var state = ModalJson.Get(row, "state") ?? "unknown";
            var phase = PhaseOf(state);
            var created = ModalJson.ParseTime(ModalJson.Get(row, "created_at", "creation_time"));
            var stopped = ModalJson.ParseTime(ModalJson.Get(row, "stopped_at", "stop_time"));
            return new ModalApp(
                ModalJson.Get(row, "app_id") ?? "?",
                ModalJson.Get(row, "description", "name") ?? "",
                state,
                phase,
                int.TryParse(ModalJson.Get(row, "tasks"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var tasks) ? tasks : null,
                created,
                stopped,
                phase == AppPhase.Active && created is { } c ? Math.Round((now - c).TotalHours, 2) : null,
                stopped is { } s && created is { } c2 ? Math.Round((s - c2).TotalHours, 2) : null);
        }).ToList();

    /// <summary>Lenient mapping of the display text; old CLIs said "running", new ones "ephemeral (detached)".</summary>
    public static AppPhase PhaseOf(string state)
    {
        var s = state.Trim().ToLowerInvariant();
        return s switch
        {
            _ when s.StartsWith("ephemeral", StringComparison.Ordinal) || s.StartsWith("running", StringComparison.Ordinal) || s == "deployed" => AppPhase.Active,
            _ when s.StartsWith("initializing", StringComparison.Ordinal) => AppPhase.Starting,
            _ when s.StartsWith("stopping", StringComparison.Ordinal) => AppPhase.Stopping,
            "stopped" or "disabled" => AppPhase.Ended,
            _ => AppPhase.Unknown,
        };
    }
}
