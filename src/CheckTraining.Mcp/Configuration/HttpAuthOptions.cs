namespace CheckTraining.Mcp.Configuration;

/// <summary>How HTTP callers prove who they are, section <c>Http:Auth</c>.</summary>
public sealed class HttpAuthOptions
{
    /// <summary>
    /// <c>token</c> (default: one shared Http:BearerToken), <c>oauth</c> (an OAuth 2.1 resource server: each caller
    /// presents an access token from Http:Auth:Authority) or <c>wandb-key</c> (each caller's own W&amp;B API key is its
    /// bearer token, and its reads use that key). Env <c>CHECKTRAINING_Http__Auth__Mode</c>.
    /// </summary>
    public string Mode { get; set; } = "token";

    /// <summary>oauth: the issuer URL; its metadata comes from OpenID discovery or RFC 8414. https, or http on loopback only.</summary>
    public string? Authority { get; set; }

    /// <summary>oauth: the audience tokens must be minted for (this resource). Default: Http:PublicUrl + <c>/mcp</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>oauth: a scope every token must carry (else 403 insufficient_scope). Default none.</summary>
    public string? RequiredScope { get; set; }

    /// <summary>
    /// wandb-key: the W&amp;B entities (team or user names, separated by <c>;</c> or <c>,</c>) whose members may call;
    /// any other valid key gets 403 at the door, because Modal runs with the server's own credentials. Default: the
    /// configured Wandb:Entity. Beyond loopback one of the two is required. Env <c>CHECKTRAINING_Http__Auth__AllowedEntities</c>.
    /// </summary>
    public string? AllowedEntities { get; set; }
}

/// <summary>The parsed <see cref="HttpAuthOptions.Mode"/>.</summary>
internal enum HttpAuthMode
{
    Invalid,
    Token,
    OAuth,
    WandbKey,
}

internal static class HttpAuthModes
{
    public static HttpAuthMode Parse(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        null or "" or "token" => HttpAuthMode.Token,
        "oauth" => HttpAuthMode.OAuth,
        "wandb-key" => HttpAuthMode.WandbKey,
        _ => HttpAuthMode.Invalid,
    };
}

/// <summary>Per-caller request budget, section <c>Http:RateLimit</c>.</summary>
public sealed class HttpRateLimitOptions
{
    /// <summary>
    /// HTTP requests one caller (token subject, W&amp;B key hash, or client address when anonymous) may make per minute;
    /// past it the answer is 429 with Retry-After. 0 turns it off. Env <c>CHECKTRAINING_Http__RateLimit__PerMinute</c>. Default 120.
    /// </summary>
    public int PerMinute { get; set; } = 120;

    /// <summary>
    /// Requests per client address per minute whose credentials are not yet known good (an unknown W&amp;B key, a token
    /// that failed), counted before the key is checked with W&amp;B, so made-up keys cannot spend W&amp;B requests. Past
    /// it: 429 with Retry-After. oauth and wandb-key modes; 0 turns it off. Env
    /// <c>CHECKTRAINING_Http__RateLimit__UnauthenticatedPerMinute</c>. Default 20.
    /// </summary>
    public int UnauthenticatedPerMinute { get; set; } = 20;
}
