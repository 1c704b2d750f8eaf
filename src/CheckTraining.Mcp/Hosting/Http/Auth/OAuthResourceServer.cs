using CheckTraining.Mcp.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.AspNetCore.Authentication;
using ModelContextProtocol.Authentication;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// oauth mode: an OAuth 2.1 resource server as the MCP authorization spec (2025-11-25) describes. JwtBearer checks
/// each access token against the issuer's published keys (refetched when a token names an unknown key), its issuer,
/// audience (this resource), lifetime (30 s skew) and algorithm (RS256 or ES256 only); the SDK's MCP handler serves
/// the protected-resource metadata (RFC 9728) and answers 401 with its address. The token is never passed on.
/// </summary>
internal static class OAuthResourceServer
{
    public const string MetadataClient = "oauth-metadata";

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public static void Add(IServiceCollection services, HttpHostOptions http)
    {
        var authority = http.Auth.Authority!.Trim().TrimEnd('/');
        var audience = HttpAuthValidation.Audience(http);
        var https = new Uri(authority).Scheme == Uri.UriSchemeHttps; // validation allows http:// on loopback only
        // Short: a hanging issuer must not hold callers for long (each fetch, and the RFC 8414 fallback, gets this much).
        services.AddHttpClient(MetadataClient, c => c.Timeout = TimeSpan.FromSeconds(5));
        services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = McpAuthenticationDefaults.AuthenticationScheme;
            })
            .AddJwtBearer(o =>
            {
                o.Authority = authority;
                o.Audience = audience;
                o.RequireHttpsMetadata = https;
                o.MapInboundClaims = false; // keep "sub" and "scope" as issued
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true, // against the issuer the metadata names
                    ValidAudience = audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidAlgorithms = Algorithms,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    OnAuthenticationFailed = context =>
                    {
                        if (context.Exception is IssuerUnavailableException)
                        {
                            context.HttpContext.Items[IssuerUnavailableItem] = true;
                            context.Fail(context.Exception);
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = context =>
                    {
                        NameTheHolder(context);
                        return Task.CompletedTask;
                    },
                };
            })
            .AddMcp(o => o.ResourceMetadata = new ProtectedResourceMetadata
            {
                Resource = audience,
                AuthorizationServers = [authority],
                ScopesSupported = http.Auth.RequiredScope is { Length: > 0 } scope ? [scope.Trim()] : [],
                BearerMethodsSupported = ["header"],
            });

        // The issuer's metadata from OpenID discovery, else RFC 8414, through the HTTP client factory.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IHttpClientFactory, TimeProvider>((o, clients, clock) =>
            o.ConfigurationManager = new RememberingIssuerConfiguration(new ConfigurationManager<OpenIdConnectConfiguration>(
                authority + "/.well-known/openid-configuration",
                new IssuerMetadataRetriever(authority),
                new HttpDocumentRetriever(clients.CreateClient(MetadataClient)) { RequireHttps = https })
            {
                // IdentityModel otherwise keeps trusting the previous key set (up to an hour): a withdrawn key must stop working.
                UseLastKnownGoodConfiguration = false,
            }, clock));
    }

    /// <summary>Set on a request whose token could not be checked because the issuer is unreachable (answered 503).</summary>
    public const string IssuerUnavailableItem = "CheckTraining.IssuerUnavailable";

    /// <summary>
    /// A token without <c>sub</c> (a client-credentials token) is named by its client: <c>azp</c>, <c>client_id</c> or
    /// <c>oid</c>, as <c>client:&lt;id&gt;</c>, so such callers are audited and limited apart. A token naming none is refused.
    /// </summary>
    private static void NameTheHolder(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is not System.Security.Claims.ClaimsIdentity identity || identity.FindFirst(Callers.SubjectClaim) is not null)
        {
            return;
        }

        if ((identity.FindFirst("azp") ?? identity.FindFirst("client_id") ?? identity.FindFirst("oid")) is { Value.Length: > 0 } holder)
        {
            identity.AddClaim(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "client:" + holder.Value));
            return;
        }

        context.Fail("The access token names no subject (sub, azp, client_id or oid).");
    }

    /// <summary>Where the metadata is served for a request, as the SDK's handler names it in its 401 challenge.</summary>
    public static string MetadataUrl(Microsoft.AspNetCore.Http.HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}{context.Request.PathBase}/.well-known/oauth-protected-resource{context.Request.Path}";
}

/// <summary>OpenID discovery first; if the issuer has none, its RFC 8414 authorization-server metadata (the same fields).</summary>
internal sealed class IssuerMetadataRetriever(string authority) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        try
        {
            return await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancel);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // RFC 8414 puts the well-known segment before the issuer's path.
            var issuer = new Uri(authority);
            var rfc8414 = $"{issuer.GetLeftPart(UriPartial.Authority)}/.well-known/oauth-authorization-server{issuer.AbsolutePath.TrimEnd('/')}";
            return await OpenIdConnectConfigurationRetriever.GetAsync(rfc8414, retriever, cancel);
        }
    }
}
