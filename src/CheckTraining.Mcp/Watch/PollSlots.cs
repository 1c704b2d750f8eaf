namespace CheckTraining.Mcp.Watch;

/// <summary>
/// Polls fall on one grid of the poll interval (Unix time in whole intervals), whenever each watch began. So every
/// watcher of a run polls at the same instants and shares that slot's one read, and an event is seen at the next grid
/// instant: at most one interval later, for every watcher.
/// </summary>
internal static class PollSlots
{
    public static long Slot(DateTimeOffset now, TimeSpan interval) => now.ToUnixTimeMilliseconds() / (long)interval.TotalMilliseconds;

    /// <summary>The next grid instant after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextStart(DateTimeOffset now, TimeSpan interval) =>
        DateTimeOffset.FromUnixTimeMilliseconds((Slot(now, interval) + 1) * (long)interval.TotalMilliseconds);
}
