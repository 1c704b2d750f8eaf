using CheckTraining.Mcp.Configuration;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// wandb-key mode's team: the W&amp;B entities whose members may call (Http:Auth:AllowedEntities, else Wandb:Entity).
/// Empty only on loopback, where the one developer's own key is the caller.
/// </summary>
internal sealed class AllowedTeam(IReadOnlyCollection<string> entities)
{
    public IReadOnlyCollection<string> Entities { get; } = entities;

    public static AllowedTeam From(HttpAuthOptions auth, string? wandbEntity) =>
        new(SettingList.Items(auth.AllowedEntities is { Length: > 0 } listed ? listed : wandbEntity).Distinct(StringComparer.OrdinalIgnoreCase).ToArray());

    /// <summary>True when no team is set, or one of the user's entities (its own name or a team it belongs to) is in it.</summary>
    public bool Admits(IEnumerable<string> userEntities) =>
        Entities.Count == 0 || userEntities.Any(e => Entities.Contains(e, StringComparer.OrdinalIgnoreCase));

    public string Describe() => string.Join(", ", Entities);
}
