using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Wandb;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// The HTTP host's caller handling in one place: who the caller is (Http:Auth:Mode), its rate limit, and the audit
/// line and W&amp;B scope of each tool call.
/// </summary>
internal static class CallerSecurity
{
    public static IServiceCollection AddCallerSecurity(this IServiceCollection services, HttpHostOptions http)
    {
        var mode = HttpAuthModes.Parse(http.Auth.Mode);
        services.Replace(ServiceDescriptor.Singleton<IWandbCallContext>(new AmbientWandbCallContext(perCallerKeys: mode == HttpAuthMode.WandbKey)));
        services.AddSingleton(sp => new AuditLog(Console.Error, sp.GetRequiredService<TimeProvider>()));
        services.Configure<McpServerOptions>(o => o.Filters.Request.CallToolFilters.Add(CallAudit.Create));
        if (http.RateLimit.PerMinute > 0)
        {
            services.AddCallerRateLimit(http.RateLimit);
        }

        if (mode == HttpAuthMode.OAuth)
        {
            OAuthResourceServer.Add(services, http);
        }

        if (mode == HttpAuthMode.WandbKey)
        {
            services.AddSingleton<WandbKeyVerifier>();
            services.AddAuthentication(WandbKeyIdentity.Scheme)
                .AddScheme<AuthenticationSchemeOptions, WandbKeyAuthenticationHandler>(WandbKeyIdentity.Scheme, null);
        }

        return services;
    }

    /// <summary>After the Host/Origin/token guard, for every path but /healthz.</summary>
    public static IApplicationBuilder UseCallerSecurity(this IApplicationBuilder app, HttpHostOptions http)
    {
        var mode = HttpAuthModes.Parse(http.Auth.Mode);
        if (http.PublicUrl is { Length: > 0 } publicUrl)
        {
            // Behind a TLS proxy the metadata and challenges must name the public scheme; from settings, never from a header.
            var scheme = new Uri(publicUrl).Scheme;
            app.Use((context, next) =>
            {
                context.Request.Scheme = scheme;
                return next();
            });
        }

        if (mode != HttpAuthMode.Token)
        {
            app.UseAuthentication(); // oauth also serves the protected-resource metadata here
        }

        if (http.RateLimit.PerMinute > 0)
        {
            app.UseRateLimiter(); // after authentication, so it is partitioned by caller
        }

        if (mode == HttpAuthMode.WandbKey)
        {
            app.Use(new CallerGate(null, null).InvokeAsync);
        }
        else if (mode == HttpAuthMode.OAuth)
        {
            app.Use(new CallerGate(http.Auth.RequiredScope?.Trim(), OAuthResourceServer.MetadataUrl).InvokeAsync);
        }

        return app;
    }
}
