using CheckTraining.Mcp.Configuration;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Caching;

/// <summary>
/// <see cref="IReadCache"/> on HybridCache: an in-process level that coalesces concurrent identical reads, plus any
/// distributed second level registered as <c>IDistributedCache</c>. A TTL of 0 reads straight through.
/// </summary>
internal sealed class HybridReadCache(HybridCache cache, IOptions<CacheOptions> options, TimeProvider clock) : IReadCache
{
    public async Task<CachedRead> GetOrReadAsync(string key, Func<CancellationToken, Task<string>> read, CancellationToken cancellationToken, bool localOnly = false,
        TimeSpan? expiration = null)
    {
        if (options.Value.TtlSeconds <= 0)
        {
            return new CachedRead(await read(cancellationToken), clock.GetUtcNow());
        }

        var ttl = expiration ?? TimeSpan.FromSeconds(options.Value.TtlSeconds);

        var entry = new HybridCacheEntryOptions
        {
            Expiration = ttl, LocalCacheExpiration = ttl,
            Flags = localOnly ? HybridCacheEntryFlags.DisableDistributedCache : HybridCacheEntryFlags.None,
        };
        return await cache.GetOrCreateAsync(key, (read, clock),
            static async (state, ct) => new CachedRead(await state.read(ct), state.clock.GetUtcNow()),
            entry, cancellationToken: cancellationToken);
    }
}
