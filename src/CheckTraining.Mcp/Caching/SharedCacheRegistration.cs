using CheckTraining.Mcp.Configuration;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CheckTraining.Mcp.Caching;

/// <summary>The read cache: HybridCache in process, plus Redis as a shared second level when Cache:Redis is set.</summary>
internal static class SharedCacheRegistration
{
    /// <param name="services">The services.</param>
    /// <param name="redisConfigured">Whether Cache:Redis is set; the value itself is read, validated options first, on first use.</param>
    public static IServiceCollection AddReadCache(this IServiceCollection services, bool redisConfigured)
    {
        services.AddHybridCache().AddSerializer<CachedRead, CachedReadSerializer>();
        services.AddSingleton<IReadCache, HybridReadCache>();
        if (redisConfigured)
        {
            services.AddSingleton<IDistributedCache>(CreateRedis);
        }

        return services;
    }

    private static GuardedDistributedCache CreateRedis(IServiceProvider services)
    {
        var cache = services.GetRequiredService<IOptions<CacheOptions>>().Value; // validated at start-up: Parse cannot fail here
        // Short timeouts: a slow Redis costs at most this per read. abortConnect=false: start without it, reconnect later.
        var redis = ConfigurationOptions.Parse(cache.Redis!);
        redis.AbortOnConnectFail = false;
        redis.ConnectTimeout = redis.SyncTimeout = redis.AsyncTimeout = cache.RedisTimeoutMilliseconds;
        redis.ClientName ??= "check-training";
        var describe = "Redis " + string.Join(",", redis.EndPoints.Select(e => e.ToString())); // never the password
        return new GuardedDistributedCache(
            new RedisCache(Options.Create(new RedisCacheOptions { ConfigurationOptions = redis, InstanceName = "checktraining:" })),
            describe, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<GuardedDistributedCache>>());
    }
}
