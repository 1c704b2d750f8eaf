using CheckTraining.Mcp.Apps;

namespace CheckTraining.Mcp.Diagnosis;

/// <summary>get_run_logs: the run, its console tail, and the Modal app it came from when W&amp;B held no lines.</summary>
public sealed record RunLogsReport(
    string RunId,
    string DisplayName,
    string State,
    string Url,
    DateTimeOffset AsOf,
    ConsoleTail Console,
    AppView? App,
    int WandbRequests);
