using System.Security.Claims;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// Who a caller is, as the audit line and the rate limiter name it: the token's <c>sub</c> (oauth; else its
/// <c>azp</c>, <c>client_id</c> or <c>oid</c>), <c>wandb:</c> plus the W&amp;B user name (wandb-key), <c>token</c> (everyone holding the shared token), or null when unauthenticated.
/// </summary>
internal static class Callers
{
    public const string SubjectClaim = "sub";

    public static ClaimsPrincipal Principal(string subject, string authenticationType) => new(Identity(subject, authenticationType));

    public static ClaimsIdentity Identity(string subject, string authenticationType) =>
        new([new Claim(SubjectClaim, subject), new Claim(ClaimTypes.NameIdentifier, subject)], authenticationType, SubjectClaim, null);

    public static string? Id(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirst(SubjectClaim)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;

    /// <summary>The rate limiter's bucket: the W&amp;B user for a wandb-key caller, else <see cref="Id"/>.</summary>
    public static string? Budget(ClaimsPrincipal? user) =>
        user?.Identities.OfType<WandbKeyIdentity>().FirstOrDefault() is { } wandb ? "wandb-user:" + wandb.UserId : Id(user);

    /// <summary>The W&amp;B key a wandb-key caller presented (held on the identity, never as a claim that could be logged).</summary>
    public static string? WandbKey(ClaimsPrincipal? user) => user?.Identities.OfType<WandbKeyIdentity>().FirstOrDefault()?.ApiKey;
}

/// <summary>
/// A caller authenticated by its own W&amp;B key; the key rides along for its reads and is never a claim. Its W&amp;B
/// user id partitions the rate limit, so one user with five keys has one budget.
/// </summary>
internal sealed class WandbKeyIdentity(string subject, string userId, string apiKey) : ClaimsIdentity(Callers.Identity(subject, WandbKeyIdentity.Scheme))
{
    public const string Scheme = "WandbKey";

    public string UserId { get; } = userId;

    public string ApiKey { get; } = apiKey;
}
