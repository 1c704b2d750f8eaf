using System.Net;
using CheckTraining.Mcp.Configuration;
using Microsoft.AspNetCore.Http;

namespace CheckTraining.Mcp.Hosting.Http.Security;

/// <summary>
/// Per-request checks on what actually arrived: an unprotected server answers only connections made to a loopback
/// address (whatever Kestrel ended up binding), and a POST must carry a JSON body (else 415, never a 500).
/// </summary>
internal sealed class TransportGuards(HttpHostOptions http)
{
    private readonly bool _protected = HttpProtection.IsProtected(http);

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!_protected && context.Connection.LocalIpAddress is { } local && !IPAddress.IsLoopback(local.IsIPv4MappedToIPv6 ? local.MapToIPv4() : local))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("This server has no authentication configured, so it answers on loopback addresses only.");
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method) && !context.Request.HasJsonContentType())
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.Response.WriteAsync("Send MCP messages as Content-Type: application/json.");
            return;
        }

        await next();
    }
}
