namespace CheckTraining.Mcp.Caching;

/// <summary>
/// Reuses backend reads for a short time and lets identical concurrent reads share one flight. Backends call it with
/// a key that names everything the answer depends on; failures are never cached.
/// </summary>
public interface IReadCache
{
    /// <param name="key">Everything the answer depends on.</param>
    /// <param name="read">The backend read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="localOnly">Keep the answer in this process only, never in the shared level: raw text that may hold
    /// secrets (a console a script printed its environment to) is redacted only on its way out of the server.</param>
    /// <param name="expiration">How long the answer is kept, instead of <c>Cache:TtlSeconds</c> (a watch's poll interval);
    /// a TTL of 0 still turns caching off.</param>
    Task<CachedRead> GetOrReadAsync(string key, Func<CancellationToken, Task<string>> read, CancellationToken cancellationToken, bool localOnly = false,
        TimeSpan? expiration = null);
}
