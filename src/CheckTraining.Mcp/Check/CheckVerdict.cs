namespace CheckTraining.Mcp.Check;

/// <summary>
/// The joined W&amp;B and Modal view in one line. <c>Code</c>: healthy, stale, stale-app-live, container-gone,
/// gpu-still-held, finished, crashed, other, or unknown (W&amp;B could not be read).
/// </summary>
public sealed record CheckVerdict(string Code, string Summary, bool NeedsAttention);
