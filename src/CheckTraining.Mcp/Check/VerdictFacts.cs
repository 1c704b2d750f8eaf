using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Check;

/// <summary>Everything the verdict joins: the W&amp;B report (or why it is missing), the Modal match, GPU use and the console's error.</summary>
internal sealed record VerdictFacts(
    RunMetricsReport? Run,
    SectionFailure? RunError,
    AppMatch? Apps,
    IReadOnlyList<AppView> LiveApps,
    GpuUsage? Gpu,
    ConsoleError? ConsoleError,
    double StaleAfterMinutes);
