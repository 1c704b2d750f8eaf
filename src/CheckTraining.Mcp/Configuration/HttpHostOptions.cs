namespace CheckTraining.Mcp.Configuration;

/// <summary>HTTP transport settings, section <c>Http</c>. Used only with <c>--http</c>.</summary>
public sealed class HttpHostOptions
{
    public const string Section = "Http";

    /// <summary>Listen URL. Env <c>CHECKTRAINING_Http__Url</c>. Default <c>http://127.0.0.1:3001</c> (loopback only).</summary>
    public string Url { get; set; } = "http://127.0.0.1:3001";

    /// <summary>
    /// Host names accepted in the Host header besides loopback and the listen host, separated by <c>;</c> (the name a
    /// reverse proxy forwards, e.g. <c>mcp.example.com</c>). Env <c>CHECKTRAINING_Http__AllowedHosts</c>. Default none.
    /// </summary>
    public string? AllowedHosts { get; set; }

    /// <summary>Allowed browser origins besides loopback ones, separated by <c>;</c>. Default none.</summary>
    public string? AllowedOrigins { get; set; }

    /// <summary>
    /// Bearer token clients must send in <c>token</c> mode; required when listening beyond loopback, and then at least 32
    /// characters. Env <c>CHECKTRAINING_Http__BearerToken</c>.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// Stateless Streamable HTTP: no sessions, so any replica can answer any request (what scales behind a load
    /// balancer). Env <c>CHECKTRAINING_Http__Stateless</c>. Default false: the SDK's hybrid mode, where 2026-07-28
    /// clients are served statelessly and initialize-style clients (2025-11-25 and older) get sessions.
    /// </summary>
    public bool Stateless { get; set; }

    /// <summary>
    /// Legacy SSE endpoints (<c>/mcp/sse</c>) for clients that predate Streamable HTTP; deprecated by MCP 2026-07-28 and
    /// needs sessions (not with Stateless). Env <c>CHECKTRAINING_Http__LegacySse</c>. Default false.
    /// </summary>
    public bool? LegacySse { get; set; }

    /// <summary>Largest request body accepted, in bytes (MCP requests are small). Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>On SIGTERM, how long in-flight calls may take to finish before they are cancelled. Default 10 s.</summary>
    public double ShutdownTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The URL callers use (behind a proxy, its public https URL), without <c>/mcp</c>. Names the OAuth resource.
    /// Env <c>CHECKTRAINING_Http__PublicUrl</c>. Default: Http:Url.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// Addresses of reverse proxies (separated by <c>;</c>) whose <c>X-Forwarded-For</c> names the client; from any
    /// other peer the header is ignored, so a caller cannot pick its own rate-limit bucket. Env
    /// <c>CHECKTRAINING_Http__TrustedProxies</c>. Default none.
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>How callers authenticate: see <see cref="HttpAuthOptions"/>.</summary>
    public HttpAuthOptions Auth { get; set; } = new();

    /// <summary>Per-caller rate limit: see <see cref="HttpRateLimitOptions"/>.</summary>
    public HttpRateLimitOptions RateLimit { get; set; } = new();
}
