namespace CheckTraining.Mcp.Apps;

/// <summary>Modal apps as <c>modal app list</c> reports them.</summary>
public sealed record AppStatusReport(
    string? Filter,
    DateTimeOffset AsOf,
    int RunningCount,
    IReadOnlyList<AppView> Apps,
    int ListedByModal,
    bool Truncated,
    IReadOnlyList<string> Notes);
