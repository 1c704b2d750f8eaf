using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Check;

/// <summary>Everything the verdict joins: the W&amp;B report (or why it is missing), the Modal match, GPU use, the console's error and the run's live siblings.</summary>
internal sealed record VerdictFacts(
    RunMetricsReport? Run,
    SectionFailure? RunError,
    AppMatch? Apps,
    IReadOnlyList<AppView> LiveApps,
    GpuUsage? Gpu,
    ConsoleError? ConsoleError,
    double StaleAfterMinutes,
    IReadOnlyList<RunSibling> Siblings);
