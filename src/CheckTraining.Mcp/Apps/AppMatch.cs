
namespace CheckTraining.Mcp.Apps;

/// <summary>
/// The Modal app judged to be the run's own, and how: <c>MatchedBy</c> says why it was chosen, or why none was.
/// <c>Candidates</c> counts apps with the configured name; <c>LiveCandidates</c> those still up.
/// </summary>
public sealed record AppMatch(AppView? App, string MatchedBy, double? MinutesFromRunStart, int Candidates, int LiveCandidates, DateTimeOffset AsOf);
