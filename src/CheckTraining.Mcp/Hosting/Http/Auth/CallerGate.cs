using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// In oauth and wandb-key modes, every request past the guard must come from an authenticated caller (else the
/// scheme's challenge: 401, or 503 when the key could not be checked), and in oauth mode carry Http:Auth:RequiredScope
/// (else 403 insufficient_scope, written down as <c>forbidden</c>).
/// </summary>
internal sealed class CallerGate(string? requiredScope, Func<HttpContext, string>? resourceMetadataUrl)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (context.User.Identity?.IsAuthenticated != true && context.Items.ContainsKey(OAuthResourceServer.IssuerUnavailableItem))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsync("The token issuer (Http:Auth:Authority) cannot be reached to check your access token. Try again shortly.");
            return;
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            await context.ChallengeAsync();
            return;
        }

        if (requiredScope is { Length: > 0 } scope && !Scopes.Has(context.User, scope))
        {
            context.RequestServices.GetService<AuditLog>()?.Write(Callers.Id(context.User) ?? "anonymous", "", null, "forbidden", 0, TimeSpan.Zero);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            var metadata = resourceMetadataUrl is null ? "" : $", resource_metadata=\"{resourceMetadataUrl(context)}\"";
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"{metadata}";
            await context.Response.WriteAsync($"The access token lacks the scope '{scope}' (Http:Auth:RequiredScope). Ask the identity provider for it.");
            return;
        }

        await next();
    }
}

/// <summary>OAuth scopes of a principal: the space-separated <c>scope</c> claim, or <c>scp</c> (one claim per scope, or space-separated).</summary>
internal static class Scopes
{
    public static bool Has(System.Security.Claims.ClaimsPrincipal user, string scope) =>
        user.FindAll(c => c.Type is "scope" or "scp")
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
}
