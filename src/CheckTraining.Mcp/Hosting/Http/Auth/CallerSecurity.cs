using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Wandb;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
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
        // First, so it wraps the result cache and the argument checks: every call gets its line and its caller's scope.
        services.Configure<McpServerOptions>(o =>
        {
            o.Filters.Request.CallToolFilters.Insert(0, CallAudit.Create);
            o.Filters.Message.IncomingFilters.Insert(0, CallAudit.RefusedBeforeTools); // calls refused before the tool filters
            o.Filters.Request.CompleteFilters.Insert(0, CompletionScope.Create); // completion reads runs too
        });
        if (mode != HttpAuthMode.Token)
        {
            // Authentication brings data protection; its keys stay in memory (no cookies here outlive the process).
            // The ephemeral provider alone is not enough: the key ring's warm-up at start still wrote ~/.aspnet.
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
            services.Configure<KeyManagementOptions>(o =>
            {
                o.XmlRepository = new MemoryKeyRing();
                o.XmlEncryptor = new NullXmlEncryptor(); // in memory, so nothing to encrypt against; and no warning that says so
            });
        }

        if (http.RateLimit.PerMinute > 0)
        {
            services.AddCallerRateLimit(http.RateLimit);
        }

        if (mode != HttpAuthMode.Token && http.RateLimit.UnauthenticatedPerMinute > 0)
        {
            // A singleton, so the container disposes its limiter; the verifier is there in wandb-key mode only.
            services.AddSingleton(sp => new DoorRateLimit(http.RateLimit, mode, sp.GetService<WandbKeyVerifier>()));
        }

        if (mode == HttpAuthMode.OAuth)
        {
            OAuthResourceServer.Add(services, http);
        }

        if (mode == HttpAuthMode.WandbKey)
        {
            services.AddSingleton(sp => AllowedTeam.From(http.Auth, sp.GetRequiredService<IOptions<WandbOptions>>().Value.Entity));
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
        if (TrustedProxies(http) is { Count: > 0 } proxies)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
            forwarded.KnownProxies.Clear(); // the defaults trust loopback; only the configured proxies may name the client
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                forwarded.KnownProxies.Add(proxy);
            }

            app.UseForwardedHeaders(forwarded);
        }

        if (PublicOrigin(http) is { } origin)
        {
            // The metadata and 401 challenges name the URL callers use, from settings, never from a request's Host header.
            app.Use((context, next) =>
            {
                context.Request.Scheme = origin.Scheme;
                context.Request.Host = new HostString(origin.Authority); // Authority leaves out a default port
                return next();
            });
        }

        if (app.ApplicationServices.GetService<DoorRateLimit>() is { } door)
        {
            app.Use(door.InvokeAsync); // before the key or token is checked
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

    /// <summary>
    /// Http:PublicUrl, else Http:Url unless it binds every interface (0.0.0.0, [::], *, +), which names no host; then, in
    /// oauth mode, the origin of Http:Auth:Audience (the resource's own URL), never a request's Host header.
    /// </summary>
    private static Uri? PublicOrigin(HttpHostOptions http)
    {
        if (http.PublicUrl is { Length: > 0 } publicUrl)
        {
            return new Uri(publicUrl);
        }

        if (ListenOrigin(http) is { } listen)
        {
            return listen;
        }

        return HttpAuthModes.Parse(http.Auth.Mode) == HttpAuthMode.OAuth && HttpAuthValidation.AudienceOrigin(http) is { } audience ? audience : null;
    }

    private static Uri? ListenOrigin(HttpHostOptions http)
    {
        return Uri.TryCreate(http.Url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal),
                   UriKind.Absolute, out var listen)
               && listen.Host is not ("wildcard" or "0.0.0.0" or "[::]")
            ? listen
            : null;
    }

    public static IReadOnlyList<System.Net.IPAddress> TrustedProxies(HttpHostOptions http) =>
        [.. SettingList.Items(http.TrustedProxies).Select(System.Net.IPAddress.Parse)];
}
