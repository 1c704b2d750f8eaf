using System.Globalization;
using System.Threading.RateLimiting;
using CheckTraining.Mcp.Configuration;
using Microsoft.AspNetCore.Http;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// Http:RateLimit:UnauthenticatedPerMinute per client address, for credentials not yet known good, before they are
/// checked: in wandb-key mode an unknown key takes a permit before its <c>viewer</c> query, so 60 made-up keys cost at
/// most that many W&amp;B requests; in oauth mode a token that fails takes one, and an address out of permits is answered
/// 429 before its next token is validated. A key accepted recently passes without a permit.
/// </summary>
internal sealed class DoorRateLimit(HttpRateLimitOptions options, HttpAuthMode mode, WandbKeyVerifier? verifier) : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.UnauthenticatedPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (mode == HttpAuthMode.WandbKey)
        {
            if (BearerToken.Of(context.Request) is { } key && !verifier!.IsKnownGood(key))
            {
                using var lease = _limiter.AttemptAcquire(address);
                if (!lease.IsAcquired)
                {
                    await RefuseAsync(context, lease);
                    return;
                }
            }

            await next();
            return;
        }

        using (var peek = _limiter.AttemptAcquire(address, 0))
        {
            if (!peek.IsAcquired)
            {
                await RefuseAsync(context, peek);
                return;
            }
        }

        await next();
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && BearerToken.Of(context.Request) is not null)
        {
            _limiter.AttemptAcquire(address).Dispose(); // a failed token spends a permit
        }
    }

    private async Task RefuseAsync(HttpContext context, RateLimitLease lease)
    {
        var retry = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsync(
            $"Too many requests with credentials not yet verified from this address: more than {options.UnauthenticatedPerMinute} a minute " +
            $"(Http:RateLimit:UnauthenticatedPerMinute). Retry in {seconds} s with a valid key or token.");
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
