using CheckTraining.Mcp.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CheckTraining.Mcp.Tests.Caching;

/// <summary>
/// The shared level's guard on the fake clock: a failure pauses it for its <see cref="GuardedDistributedCache.Pause"/>,
/// the first try after the pause reaches Redis again, and one warning covers the whole outage (the process suite shows
/// the same with a real Redis killed, without waiting the pause out).
/// </summary>
public sealed class GuardedDistributedCacheTests
{
    private sealed class FlakyRedis : IDistributedCache
    {
        private readonly MemoryDistributedCache _inner = new(Options.Create(new MemoryDistributedCacheOptions()));

        public bool Down { get; set; }

        public int Tried { get; private set; }

        private T Reach<T>(Func<T> call)
        {
            Tried++;
            return Down ? throw new InvalidOperationException("It was not possible to connect to the redis server(s)") : call();
        }

        public byte[]? Get(string key) => Reach(() => _inner.Get(key));

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Reach(() => _inner.GetAsync(key, token));

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Reach(() => { _inner.Set(key, value, options); return 0; });

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            Reach(() => _inner.SetAsync(key, value, options, token));

        public void Refresh(string key) => Reach(() => { _inner.Refresh(key); return 0; });

        public Task RefreshAsync(string key, CancellationToken token = default) => Reach(() => _inner.RefreshAsync(key, token));

        public void Remove(string key) => Reach(() => { _inner.Remove(key); return 0; });

        public Task RemoveAsync(string key, CancellationToken token = default) => Reach(() => _inner.RemoveAsync(key, token));
    }

    private sealed class Lines : ILogger<GuardedDistributedCache>
    {
        public List<(LogLevel Level, string Text)> Logged { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Logged.Add((logLevel, formatter(state, exception)));
    }

    [Fact]
    public async Task A_dead_Redis_is_skipped_for_the_pause_tried_again_after_it_and_warned_about_once_until_it_is_back()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var redis = new FlakyRedis { Down = true };
        var log = new Lines();
        var guarded = new GuardedDistributedCache(redis, "127.0.0.1:6379", clock, log);
        var ct = TestContext.Current.CancellationToken;

        Assert.Null(await guarded.GetAsync("a", ct)); // a failure is a miss, never an exception
        Assert.Null(await guarded.GetAsync("b", ct));
        Assert.Equal(1, redis.Tried); // paused: the second read cost Redis nothing

        clock.Advance(GuardedDistributedCache.Pause + TimeSpan.FromMilliseconds(1));
        await guarded.SetAsync("c", [1], new DistributedCacheEntryOptions(), ct);
        Assert.Equal(2, redis.Tried); // past the pause, Redis is tried again, and fails again
        Assert.Single(log.Logged, l => l.Level == LogLevel.Warning && l.Text.Contains("is unavailable", StringComparison.Ordinal));

        redis.Down = false;
        clock.Advance(GuardedDistributedCache.Pause + TimeSpan.FromMilliseconds(1));
        await guarded.SetAsync("d", [2], new DistributedCacheEntryOptions(), ct);
        Assert.Equal([2], await guarded.GetAsync("d", ct));
        Assert.Single(log.Logged, l => l.Level == LogLevel.Information && l.Text.Contains("is back", StringComparison.Ordinal));
        Assert.Single(log.Logged, l => l.Level == LogLevel.Warning);
    }
}
