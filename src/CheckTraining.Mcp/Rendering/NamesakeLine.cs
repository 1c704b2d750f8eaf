using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Rendering;

/// <summary>
/// The line that names the other runs under a display name, for the first lines of a report: an agent asking about
/// its live run by name must not act on a crashed namesake's verdict (or the reverse) without knowing.
/// </summary>
internal static class NamesakeLine
{
    private const int MaxListed = 5;

    /// <summary>Null when the run's name is its own.</summary>
    public static string? For(RunIdentity run) => For(run.DisplayName, run.Id, run.State, run.Namesakes);

    public static string? For(string displayName, string id, string state, IReadOnlyList<Namesake>? namesakes)
    {
        if (namesakes is not { Count: > 0 } others)
        {
            return null;
        }

        var listed = string.Join("; ", others.Take(MaxListed).Select(o => $"{o.Id} ({o.State}" + (o.CreatedAt is { } c ? $", created {Format.Time(c)})" : ")")));
        var more = others.Count >= MaxListed ? " and maybe more" : "";
        return $"⚠️ **Same name**: '{displayName}' also names {listed}{more}. This is the newest, {id} ({state}); pass a run id to choose.";
    }
}
