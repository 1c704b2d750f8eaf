using System.Net;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Hosting.Http.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;

namespace CheckTraining.Mcp.Hosting.Http;

/// <summary>Checks the HTTP settings before anything listens; each message names the setting and the fix.</summary>
internal static class HttpHostSetup
{
    public static Uri Validate(HttpHostOptions http)
    {
        // A token pasted with its newline (an env file, a secret store) would otherwise lock everyone out.
        http.BearerToken = http.BearerToken?.Trim() is { Length: > 0 } token ? token : null;
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

    /// <summary>
    /// Hybrid by default: 2026-07-28 clients (no initialize, no session) are served statelessly and initialize-style
    /// clients (2025-11-25 and older) keep sessions. Stateless for replicas. Legacy SSE, deprecated by 2026-07-28, is opt-in.
    /// </summary>
    public static void ConfigureTransport(HttpServerTransportOptions o, HttpHostOptions http)
    {
        o.SessionMode = http.Stateless ? HttpServerSessionMode.Stateless : HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCP9004 // legacy SSE is deprecated; kept, opt-in, for clients that still need it
        o.EnableLegacySse = !http.Stateless && http.LegacySse == true;
#pragma warning restore MCP9004
    }

    /// <summary>One line on stderr (with every log) naming the endpoint clients connect to.</summary>
    public static void LogListening(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CheckTraining.Mcp.Hosting.HttpHost");
        foreach (var address in addresses)
        {
            logger.LogInformation("check-training listening on {Endpoint}/mcp", address.TrimEnd('/'));
        }
    }

    /// <summary>A listen host that binds every interface and so names no address clients could use.</summary>
    public static bool IsWildcard(string host) => host is "0.0.0.0" or "[::]" or "::" or "*" or "+";

    public static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
