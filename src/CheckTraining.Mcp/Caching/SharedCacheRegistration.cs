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
    public static IServiceCollection AddReadCache(this IServiceCollection services, CacheOptions cache)
    {
        services.AddHybridCache().AddSerializer<CachedRead, CachedReadSerializer>();
        services.AddSingleton<IReadCache, HybridReadCache>();
        if (string.IsNullOrWhiteSpace(cache.Redis))
        {
            return services;
        }

        // Short timeouts: a slow Redis costs at most this per read. abortConnect=false: start without it, reconnect later.
        var redis = ConfigurationOptions.Parse(cache.Redis);
        redis.AbortOnConnectFail = false;
        redis.ConnectTimeout = redis.SyncTimeout = redis.AsyncTimeout = cache.RedisTimeoutMilliseconds;
        redis.ClientName ??= "check-training";
        var describe = "Redis " + string.Join(",", redis.EndPoints.Select(e => e.ToString())); // never the password
        services.AddSingleton<IDistributedCache>(sp => new GuardedDistributedCache(
            new RedisCache(Options.Create(new RedisCacheOptions { ConfigurationOptions = redis, InstanceName = "checktraining:" })),
            describe, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<GuardedDistributedCache>>()));
        return services;
    }
}
