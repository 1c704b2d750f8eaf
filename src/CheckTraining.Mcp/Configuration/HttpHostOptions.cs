namespace CheckTraining.Mcp.Configuration;

/// <summary>HTTP transport settings, section <c>Http</c>. Used only with <c>--http</c>.</summary>
public sealed class HttpHostOptions
{
    public const string Section = "Http";

    /// <summary>Listen URL. Env <c>CHECKTRAINING_Http__Url</c>. Default <c>http://127.0.0.1:3001</c> (loopback only).</summary>
    public string Url { get; set; } = "http://127.0.0.1:3001";

    /// <summary>Allowed browser origins besides loopback ones, separated by <c>;</c>. Default none.</summary>
    public string? AllowedOrigins { get; set; }

    /// <summary>Optional bearer token clients must send. Env <c>CHECKTRAINING_Http__BearerToken</c>. Default none.</summary>
    public string? BearerToken { get; set; }
}
