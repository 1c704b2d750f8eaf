using System.Globalization;
using System.Threading.RateLimiting;
using CheckTraining.Mcp.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// Http:RateLimit:PerMinute requests per caller per minute (ASP.NET Core's limiter, one fixed window per caller), so
/// one runaway agent cannot spend the team's W&amp;B quota. Past it: 429 with Retry-After.
/// </summary>
internal static class CallerRateLimit
{
    public static IServiceCollection AddCallerRateLimit(this IServiceCollection services, HttpRateLimitOptions options) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                PartitionKey(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await rejected.HttpContext.Response.WriteAsync(
                    $"Rate limit: more than {options.PerMinute} requests in a minute from this caller (Http:RateLimit:PerMinute). Retry in {seconds} s.",
                    cancellationToken);
            };
        });

    /// <summary>The authenticated caller (a wandb-key caller's W&amp;B user, whatever key it sends), else the client's address.</summary>
    private static string PartitionKey(HttpContext context) =>
        Callers.Budget(context.User) is { } caller ? "caller:" + caller : "address:" + context.Connection.RemoteIpAddress;
}
