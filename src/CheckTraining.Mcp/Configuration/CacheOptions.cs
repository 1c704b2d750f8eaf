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
}
