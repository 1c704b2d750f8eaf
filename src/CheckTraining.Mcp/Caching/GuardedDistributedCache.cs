using CheckTraining.Mcp.Configuration;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace CheckTraining.Mcp.Caching;

/// <summary>
/// Keeps the shared second level (Redis) from ever becoming a point of failure: any error is a miss (or a skipped
/// write), the first one is logged once as a warning, and the level is then skipped for a few seconds so a dead Redis
/// costs nothing per read. The Redis client reconnects on its own; the first success after a failure is logged once.
/// </summary>
internal sealed class GuardedDistributedCache(IDistributedCache inner, string describe, TimeProvider clock, ILogger<GuardedDistributedCache> logger)
    : IDistributedCache
{
    /// <summary>How long the level is skipped after a failure (tests wait it out on this value, not a copy of it).</summary>
    internal static readonly TimeSpan Pause = TimeSpan.FromSeconds(3);
    private long _pausedUntil; // UTC ticks
    private int _failing;

    public byte[]? Get(string key) => Guard(() => inner.Get(key));

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => GuardAsync(() => inner.GetAsync(key, token));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => { inner.Set(key, value, options); return true; });

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.SetAsync(key, value, options, token); return true; });

    public void Refresh(string key) => Guard(() => { inner.Refresh(key); return true; });

    public Task RefreshAsync(string key, CancellationToken token = default) => GuardAsync(async () => { await inner.RefreshAsync(key, token); return true; });

    public void Remove(string key) => Guard(() => { inner.Remove(key); return true; });

    public Task RemoveAsync(string key, CancellationToken token = default) => GuardAsync(async () => { await inner.RemoveAsync(key, token); return true; });

    private T? Guard<T>(Func<T> call)
    {
        if (Paused)
        {
            return default;
        }

        try
        {
            var result = call();
            Healthy();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(ex);
            return default;
        }
    }

    private async Task<T?> GuardAsync<T>(Func<Task<T>> call)
    {
        if (Paused)
        {
            return default;
        }

        try
        {
            var result = await call();
            Healthy();
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Failed(ex);
            return default;
        }
    }

    private bool Paused => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _pausedUntil);

    private void Healthy()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            logger.LogInformation("The shared cache ({Redis}) is back; replicas share reads again.", describe);
        }
    }

    private void Failed(Exception ex)
    {
        Interlocked.Exchange(ref _pausedUntil, (clock.GetUtcNow() + Pause).UtcTicks);
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            logger.LogWarning(
                "The shared cache ({Redis}) is unavailable ({Error}: {Message}). Answering from W&B and Modal directly, with this process's own " +
                "cache, until it returns; it reconnects by itself. Check {Setting}.",
                describe, ex.GetType().Name, ex.Message, SettingNames.Of("Cache:Redis"));
        }
    }
}
