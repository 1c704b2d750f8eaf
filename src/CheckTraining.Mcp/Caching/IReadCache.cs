namespace CheckTraining.Mcp.Caching;

/// <summary>
/// Reuses backend reads for a short time and lets identical concurrent reads share one flight. Backends call it with
/// a key that names everything the answer depends on; failures are never cached.
/// </summary>
public interface IReadCache
{
    Task<CachedRead> GetOrReadAsync(string key, Func<CancellationToken, Task<string>> read, CancellationToken cancellationToken);
}
