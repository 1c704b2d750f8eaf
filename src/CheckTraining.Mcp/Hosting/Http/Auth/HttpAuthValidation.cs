using CheckTraining.Mcp.Configuration;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>Checks Http:Auth and Http:RateLimit before anything listens; each message names the setting and the fix.</summary>
internal static class HttpAuthValidation
{
    public static void Validate(HttpHostOptions http, Uri listen)
    {
        var mode = HttpAuthModes.Parse(http.Auth.Mode);
        if (mode == HttpAuthMode.Invalid)
        {
            throw new OptionsConfigurationException(
                $"Http:Auth:Mode (CHECKTRAINING_Http__Auth__Mode) must be token, oauth or wandb-key; got '{http.Auth.Mode}'.");
        }

        if (http.RateLimit.PerMinute < 0 || http.RateLimit.UnauthenticatedPerMinute < 0)
        {
            throw new OptionsConfigurationException(
                "Http:RateLimit:PerMinute and Http:RateLimit:UnauthenticatedPerMinute (CHECKTRAINING_Http__RateLimit__...) must be 0 (off) or more.");
        }

        foreach (var proxy in SettingList.Items(http.TrustedProxies))
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                throw new OptionsConfigurationException(
                    $"Http:TrustedProxies (CHECKTRAINING_Http__TrustedProxies) lists proxy IP addresses separated by ';'; '{proxy}' is not one.");
            }
        }

        if (http.PublicUrl is { Length: > 0 } publicUrl && !IsHttpUrl(publicUrl, out _))
        {
            throw new OptionsConfigurationException($"Http:PublicUrl (CHECKTRAINING_Http__PublicUrl) must be an absolute http(s) URL; got '{publicUrl}'.");
        }

        if (mode != HttpAuthMode.Token && !string.IsNullOrWhiteSpace(http.BearerToken))
        {
            throw new OptionsConfigurationException(
                $"Http:BearerToken is set, but Http:Auth:Mode is {http.Auth.Mode}, which does not use it. Remove one of them.");
        }

        if (mode == HttpAuthMode.OAuth)
        {
            ValidateOAuth(http, listen);
        }
    }

    /// <summary>wandb-key beyond loopback serves only a team: any W&amp;B user could otherwise use the server's Modal.</summary>
    public static void ValidateTeam(HttpHostOptions http, Uri listen, AllowedTeam team)
    {
        if (HttpAuthModes.Parse(http.Auth.Mode) == HttpAuthMode.WandbKey && team.Entities.Count == 0 && !HttpHostSetup.IsLoopback(listen.Host))
        {
            throw new OptionsConfigurationException(
                "Http:Auth:Mode is wandb-key beyond loopback, so the server must know whose members may call: any valid W&B key would otherwise " +
                "reach the team's Modal apps, logs and checkpoints. Set Http:Auth:AllowedEntities (CHECKTRAINING_Http__Auth__AllowedEntities) " +
                "or Wandb:Entity (WANDB_ENTITY) to the team's W&B entity.");
        }
    }

    private static void ValidateOAuth(HttpHostOptions http, Uri listen)
    {
        if (!IsHttpUrl(http.Auth.Authority, out var authority))
        {
            throw new OptionsConfigurationException(
                "Http:Auth:Mode is oauth, so Http:Auth:Authority (CHECKTRAINING_Http__Auth__Authority) must name the token issuer, " +
                $"e.g. https://login.example.com/realms/team; got '{http.Auth.Authority}'.");
        }

        if (authority.Scheme != Uri.UriSchemeHttps && !HttpHostSetup.IsLoopback(authority.Host))
        {
            throw new OptionsConfigurationException(
                $"Http:Auth:Authority must be https:// (http:// is accepted on loopback only, for local identity providers); got '{http.Auth.Authority}'.");
        }

        if (string.IsNullOrWhiteSpace(http.Auth.Audience) && string.IsNullOrWhiteSpace(http.PublicUrl) && !HttpHostSetup.IsLoopback(listen.Host))
        {
            throw new OptionsConfigurationException(
                "Http:Auth:Mode is oauth beyond loopback, so the server must know its public URL, which names the resource tokens are minted for. " +
                "Set Http:PublicUrl (CHECKTRAINING_Http__PublicUrl), e.g. https://mcp.example.com, or Http:Auth:Audience.");
        }

        // The 401 challenge names the metadata's address; with a wildcard listen address only a URL setting can say it.
        if (string.IsNullOrWhiteSpace(http.PublicUrl) && HttpHostSetup.IsWildcard(listen.Host) && AudienceOrigin(http) is null)
        {
            throw new OptionsConfigurationException(
                $"Http:Url binds every interface and Http:Auth:Audience ('{http.Auth.Audience}') is not an https URL, so nothing names the " +
                "address clients use for the protected-resource metadata. Set Http:PublicUrl (CHECKTRAINING_Http__PublicUrl), e.g. https://mcp.example.com.");
        }
    }

    /// <summary>The scheme and authority of Http:Auth:Audience when it is an http(s) URL; null for an audience like <c>api://x</c>.</summary>
    public static Uri? AudienceOrigin(HttpHostOptions http) =>
        IsHttpUrl(http.Auth.Audience?.Trim(), out var audience) ? new Uri(audience.GetLeftPart(UriPartial.Authority)) : null;

    /// <summary>The resource tokens must be minted for: Http:Auth:Audience, else Http:PublicUrl (or Http:Url) + /mcp.</summary>
    public static string Audience(HttpHostOptions http) =>
        http.Auth.Audience is { Length: > 0 } audience ? audience.Trim() : (http.PublicUrl is { Length: > 0 } p ? p : http.Url).Trim().TrimEnd('/') + "/mcp";

    private static bool IsHttpUrl(string? value, out Uri uri) =>
        Uri.TryCreate(value, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
