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
        // HybridCache may start the read on a pool thread without the caller's ExecutionContext; the read must see the
        // caller's ambient scope (its own W&B key in wandb-key mode), so it runs in the context captured here.
        return await cache.GetOrCreateAsync(key, (read, clock, context: ExecutionContext.Capture()),
            static async (state, ct) => new CachedRead(await InContext(state.context, state.read, ct), state.clock.GetUtcNow()),
            entry, cancellationToken: cancellationToken);
    }

    private static Task<string> InContext(ExecutionContext? context, Func<CancellationToken, Task<string>> read, CancellationToken ct)
    {
        if (context is null)
        {
            return read(ct);
        }

        Task<string> started = null!;
        ExecutionContext.Run(context, _ => started = read(ct), null);
        return started;
    }
}
