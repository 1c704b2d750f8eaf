using System.Security.Cryptography;
using System.Text;
using CheckTraining.Mcp.Configuration;
using Microsoft.AspNetCore.Http;

namespace CheckTraining.Mcp.Hosting.Http;

/// <summary>
/// DNS-rebinding and cross-site defence the SDK leaves to the host: the Host header must name loopback, the listen
/// host or an Http:AllowedHosts name (else 400), a present Origin must be loopback or allow-listed (else 403), and a
/// configured bearer token must be presented (else 401).
/// </summary>
internal sealed class RequestGuard(HttpHostOptions options, string listenHost)
{
    private readonly HashSet<string> _hosts = new(
        (options.AllowedHosts ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append(listenHost),
        StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> _origins = new(
        (options.AllowedOrigins ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var host = context.Request.Host.Host;
        if (!HttpHostSetup.IsLoopback(host) && !_hosts.Contains(host))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Host not allowed.");
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !_origins.Contains(origin)
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var o) && HttpHostSetup.IsLoopback(o.Host)))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("Origin not allowed.");
            return;
        }

        if (!string.IsNullOrEmpty(options.BearerToken) && !HasToken(context, options.BearerToken))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        if (!string.IsNullOrEmpty(options.BearerToken))
        {
            context.User = Auth.Callers.Principal("token", "token"); // one shared secret: its holders are one caller
        }

        await next();
    }

    private static bool HasToken(HttpContext context, string expected)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
               && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }
}
