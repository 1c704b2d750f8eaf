using System.Net;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Hosting.Auth;

namespace CheckTraining.Mcp.Hosting;

/// <summary>Checks the HTTP settings before anything listens; each message names the setting and the fix.</summary>
internal static class HttpHostSetup
{
    public static Uri Validate(HttpHostOptions http)
    {
        if (!Uri.TryCreate(http.Url, UriKind.Absolute, out var listen) || listen.Scheme != Uri.UriSchemeHttp)
        {
            throw new OptionsConfigurationException($"Http:Url (CHECKTRAINING_Http__Url) must be an absolute http:// URL; got '{http.Url}'.");
        }

        HttpAuthValidation.Validate(http, listen);
        if (!IsLoopback(listen.Host))
        {
            Security.HttpProtection.RequireBeyondLoopback(http, listen.Host);
        }

        if (http.Stateless && http.LegacySse == true)
        {
            throw new OptionsConfigurationException(
                "Http:LegacySse needs stateful sessions, but Http:Stateless is true. Turn one off: stateless for replicas behind a load balancer, " +
                "or stateful (with sticky sessions) for legacy SSE clients.");
        }

        if (http.MaxRequestBodyBytes < 1024 || !(http.ShutdownTimeoutSeconds > 0))
        {
            throw new OptionsConfigurationException("Http:MaxRequestBodyBytes must be at least 1024 and Http:ShutdownTimeoutSeconds positive.");
        }

        return listen;
    }

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
