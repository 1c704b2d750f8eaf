using CheckTraining.Mcp.Configuration;

namespace CheckTraining.Mcp.Hosting.Http.Security;

/// <summary>
/// The one rule for listening beyond loopback: every caller must prove who it is, by a long static token, an OAuth
/// access token (Http:Auth:Mode=oauth) or its own W&amp;B key (Http:Auth:Mode=wandb-key).
/// </summary>
internal static class HttpProtection
{
    /// <summary>A shorter static token can be guessed or was typed by hand; <c>openssl rand -hex 32</c> gives 64.</summary>
    public const int MinimumTokenLength = 32;

    public static bool IsProtected(HttpHostOptions http) =>
        HttpAuthModes.Parse(http.Auth.Mode) is HttpAuthMode.OAuth or HttpAuthMode.WandbKey
        || (http.BearerToken?.Trim().Length ?? 0) >= MinimumTokenLength;

    /// <summary>Throws a message naming the settings when <paramref name="host"/> is beyond loopback and callers are not authenticated.</summary>
    public static void RequireBeyondLoopback(HttpHostOptions http, string host)
    {
        if (IsProtected(http))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(http.BearerToken))
        {
            throw new OptionsConfigurationException(
                $"Http:Url listens on {host}, beyond loopback, but no bearer token is set, so anyone who can reach the port could use " +
                $"the server and its W&B key. Set Http:BearerToken (CHECKTRAINING_Http__BearerToken) to a random secret of at least {MinimumTokenLength} " +
                "characters (e.g. `openssl rand -hex 32`), set Http:Auth:Mode to oauth or wandb-key, or listen on 127.0.0.1.");
        }

        throw new OptionsConfigurationException(
            $"Http:BearerToken (CHECKTRAINING_Http__BearerToken) is {http.BearerToken.Trim().Length} characters long; beyond loopback ({host}) it must be " +
            $"at least {MinimumTokenLength}, so it cannot be guessed. Generate one with `openssl rand -hex 32`.");
    }
}
