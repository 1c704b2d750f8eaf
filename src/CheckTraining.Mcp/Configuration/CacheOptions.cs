namespace CheckTraining.Mcp.Configuration;

/// <summary>Short-lived read cache, section <c>Cache</c>.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>
    /// How long a W&amp;B or Modal read is reused, in seconds; identical concurrent reads always share one flight while
    /// the cache is on. 0 turns caching and coalescing off. Env <c>CHECKTRAINING_Cache__TtlSeconds</c>. Default 10.
    /// </summary>
    public double TtlSeconds { get; set; } = 10;

    /// <summary>
    /// A StackExchange.Redis connection string (e.g. <c>localhost:6379</c>, or <c>host:6379,password=...,ssl=true</c>) for a
    /// second level that HTTP replicas share. Env <c>CHECKTRAINING_Cache__Redis</c>. Default: none (in-process only).
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Connect, read and write timeout for Redis, in milliseconds: the most a slow Redis costs a read. Default 250.</summary>
    public int RedisTimeoutMilliseconds { get; set; } = 250;
}
