namespace CheckTraining.Mcp.Caching;

/// <summary>The text a backend answered, and when it was read (so reports can say "as of").</summary>
public sealed record CachedRead(string Body, DateTimeOffset ReadAt);
