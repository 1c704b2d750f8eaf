using CheckTraining.Mcp.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.AspNetCore;

namespace CheckTraining.Mcp.Hosting;

/// <summary>
/// MCP over HTTP at <c>/mcp</c>: Streamable HTTP, plus legacy SSE (<c>/mcp/sse</c>, <c>/mcp/message</c>) for older
/// clients, which needs stateful sessions. Binds loopback by default and checks Host, Origin and an optional bearer token.
/// </summary>
internal static class HttpHost
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        ConfigurationSetup.Apply(builder.Configuration, args);
        builder.Logging.AddStderrLogging(builder.Configuration);
        var http = new HttpHostOptions();
        builder.Configuration.GetSection(HttpHostOptions.Section).Bind(http);
        if (!Uri.TryCreate(http.Url, UriKind.Absolute, out var listen) || listen.Scheme != Uri.UriSchemeHttp)
        {
            throw new OptionsConfigurationException($"Http:Url (CHECKTRAINING_Http__Url) must be an absolute http:// URL; got '{http.Url}'.");
        }

        builder.WebHost.UseUrls(http.Url);
        builder.Services.AddCheckTraining(builder.Configuration).WithHttpTransport(o =>
        {
            o.SessionMode = HttpServerSessionMode.Stateful;
#pragma warning disable MCP9004 // legacy SSE is the point: older clients still use it
            o.EnableLegacySse = true;
#pragma warning restore MCP9004
        });

        var app = builder.Build();
        app.Services.ValidateOptions();
        app.Use(new RequestGuard(http, listen.Host).InvokeAsync);
        app.MapMcp("/mcp");
        await app.RunAsync();
    }
}

/// <summary>A configuration problem found before the host starts.</summary>
internal sealed class OptionsConfigurationException(string message) : Exception(message);
