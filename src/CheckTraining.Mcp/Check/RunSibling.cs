namespace CheckTraining.Mcp.Check;

/// <summary>A running run of the same group or sweep: its tasks may be what keeps a shared Modal app up.</summary>
public sealed record RunSibling(string Id, string DisplayName, string State);
