using System.Net;
using CheckTraining.Mcp.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// The W&amp;B resilience pipeline: an overall budget, retries with exponential backoff and jitter for 408, 429, 5xx
/// and network faults (honouring <c>Retry-After</c>; never 400/401/403/404), a circuit breaker, and a per-attempt timeout.
/// </summary>
internal static class WandbResilience
{
    /// <summary>Last HTTP status seen by a retry, so the client can say "rate limited" when the budget runs out.</summary>
    public static readonly ResiliencePropertyKey<int> LastStatus = new("checktraining.last-status");

    /// <summary>Retries made so far for one request.</summary>
    public static readonly ResiliencePropertyKey<int> Retries = new("checktraining.retries");

    public static IHttpClientBuilder AddWandbResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler("wandb", (pipeline, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptions<WandbOptions>>().Value;
            var clock = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = clock; // timeouts, backoff and the breaker run on the injected clock (a fake one in tests)
            pipeline
                .AddTimeout(TimeSpan.FromSeconds(o.TimeoutSeconds))
                .AddRetry(new HttpRetryStrategyOptions
                {
                    // Polly needs at least one attempt; Wandb:MaxRetries=0 (allowed) means "handle nothing".
                    MaxRetryAttempts = Math.Max(1, o.MaxRetries),
                    ShouldHandle = o.MaxRetries == 0 ? _ => ValueTask.FromResult(false) : new HttpRetryStrategyOptions().ShouldHandle,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(o.RetryBaseDelaySeconds),
                    MaxDelay = TimeSpan.FromSeconds(30),
                    // W&B's 429s carry RateLimit-Reset (seconds) and sometimes Retry-After; either replaces the backoff.
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = args => ValueTask.FromResult(ServerRequestedDelay(args.Outcome.Result, clock)),
                    OnRetry = args =>
                    {
                        var props = args.Context.Properties;
                        props.Set(Retries, props.GetValue(Retries, 0) + 1);
                        if (args.Outcome.Result is { } response)
                        {
                            props.Set(LastStatus, (int)response.StatusCode);
                        }

                        return default;
                    },
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.9,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = TimeSpan.FromSeconds(15),
                    // 429 is the server asking us to slow down, not a fault; it must not open the breaker.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException } => true,
                        { Result: { } r } => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout,
                        _ => false,
                    }),
                })
                .AddTimeout(TimeSpan.FromSeconds(Math.Min(o.AttemptTimeoutSeconds, o.TimeoutSeconds)));
        });
        return builder;
    }

    /// <summary>The wait the server asked for: <c>Retry-After</c> (seconds or a date), else <c>RateLimit-Reset</c> (seconds).</summary>
    internal static TimeSpan? ServerRequestedDelay(HttpResponseMessage? response, TimeProvider clock)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - clock.GetUtcNow() : null);
            return delay is { } d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
        }

        return response.Headers.TryGetValues("RateLimit-Reset", out var values)
               && double.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
               && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
