using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// wandb-key mode, as W&amp;B's hosted MCP server does it: the bearer token is the caller's own W&amp;B API key. A key
/// W&amp;B refuses gets 401 at the door; a valid key of a user outside the team (Http:Auth:AllowedEntities) gets 403,
/// audited; nothing is read or run for either. When W&amp;B cannot be reached, 503 (the key is not judged).
/// </summary>
internal sealed class WandbKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, WandbKeyVerifier verifier, AllowedTeam team,
    AuditLog audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string UnavailableItem = "CheckTraining.WandbKeyUnavailable";
    private const string ForbiddenItem = "CheckTraining.WandbKeyForbidden";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.Of(Request) is not { } key)
        {
            return AuthenticateResult.NoResult();
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answer = await verifier.VerifyAsync(key, Context.RequestAborted);
        switch (answer.Verdict)
        {
            case WandbKeyVerdict.Accepted:
                var principal = new ClaimsPrincipal(new WandbKeyIdentity(WandbKeyVerifier.Subject(answer.UserName!), answer.UserId!, key));
                return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
            case WandbKeyVerdict.Forbidden:
                Context.Items[ForbiddenItem] = answer.UserName;
                audit.Write(WandbKeyVerifier.Subject(answer.UserName!), "", null, "forbidden", 0, System.Diagnostics.Stopwatch.GetElapsedTime(started));
                return AuthenticateResult.Fail("The W&B user is not in Http:Auth:AllowedEntities.");
            case WandbKeyVerdict.Unavailable:
                Context.Items[UnavailableItem] = true;
                return AuthenticateResult.Fail("W&B could not be reached to check the key.");
            default:
                return AuthenticateResult.Fail("W&B refused the key.");
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(UnavailableItem))
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "10";
            await Response.WriteAsync("W&B could not be reached to check your API key. Try again shortly.");
            return;
        }

        if (Context.Items.TryGetValue(ForbiddenItem, out var user))
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await Response.WriteAsync($"The W&B user '{user}' is not a member of {team.Describe()} (Http:Auth:AllowedEntities), so this server " +
                                      "serves it nothing. Ask the team's W&B admin to add you, or use your own server.");
            return;
        }

        var presented = BearerToken.Of(Request) is not null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = presented ? "Bearer error=\"invalid_token\", error_description=\"W&B refused this API key\"" : "Bearer";
        await Response.WriteAsync(presented
            ? "W&B refused this API key. Send a valid W&B API key (https://wandb.ai/authorize) as the bearer token."
            : "This server reads W&B with each caller's own API key: send it as the bearer token (Authorization: Bearer <W&B API key>).");
    }
}

/// <summary>The bearer token of a request, or null.</summary>
internal static class BearerToken
{
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header[scheme.Length..].Trim() is { Length: > 0 } token ? token : null;
    }
}
