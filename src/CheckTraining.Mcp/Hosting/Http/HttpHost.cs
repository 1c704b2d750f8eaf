using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Hosting.Cli;
using CheckTraining.Mcp.Hosting.Http.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CheckTraining.Mcp.Hosting.Http;

/// <summary>
/// MCP over HTTP at <c>/mcp</c>: Streamable HTTP in the SDK's hybrid mode by default (2026-07-28 clients served
/// statelessly, initialize clients with sessions), or stateless for replicas; legacy SSE (<c>/mcp/sse</c>) only when asked. Binds loopback by default; checks Host, Origin and the bearer token, which is
/// required beyond loopback. <c>/healthz</c> answers load-balancer probes. On SIGTERM, in-flight calls get
/// Http:ShutdownTimeoutSeconds to finish, then are cancelled.
/// </summary>
internal static class HttpHost
{
    /// <summary>ASP.NET Core's marker that UseAuthentication was called (AuthAppBuilderExtensions).</summary>
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        ConfigurationSetup.Apply(builder.Configuration, args);
        builder.Logging.AddStderrLogging(builder.Configuration);
        var http = SettingsRegistration.Bind(() => builder.Configuration.GetSection(HttpHostOptions.Section).Get<HttpHostOptions>()) ?? new();
        var listen = HttpHostSetup.Validate(http);
        Security.ListenRules.CheckConfiguration(builder.Configuration, http);

        builder.WebHost.UseUrls(http.Url);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = http.MaxRequestBodyBytes);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(http.ShutdownTimeoutSeconds));
        builder.Services.AddCheckTraining(builder.Configuration).WithHttpTransport(o => HttpHostSetup.ConfigureTransport(o, http));

        builder.Services.AddCallerSecurity(http);
        var app = builder.Build();
        if (app.Services.GetService<AllowedTeam>() is { } team)
        {
            HttpAuthValidation.ValidateTeam(http, listen, team);
        }

        // Authentication runs in the guarded branch, after the door's limit; WebApplication would otherwise add it at the
        // very start, so every made-up key would cost a W&B request before any limit applied.
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        app.MapGet("/healthz", () => Results.Text("ok")); // before the guard: probes carry neither the token nor our Host name
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/healthz"), branch => branch.Use(new RequestGuard(http, listen.Host).InvokeAsync));
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/healthz"), branch => branch.Use(new Security.TransportGuards(http).InvokeAsync).UseCallerSecurity(http));
        app.MapMcp("/mcp");
        app.Lifetime.ApplicationStarted.Register(() => HttpHostSetup.LogListening(app));
        await Security.ListenRules.RunCheckedAsync(app, http);
    }
}

/// <summary>A configuration problem found before the host starts.</summary>
internal sealed class OptionsConfigurationException(string message) : Exception(message);
