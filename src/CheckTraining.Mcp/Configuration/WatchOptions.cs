namespace CheckTraining.Mcp.Configuration;

/// <summary>How watch_run waits (section <c>Watch</c>).</summary>
public sealed class WatchOptions
{
    public const string Section = "Watch";

    /// <summary>
    /// Seconds between a watch's polls, 1 to 600; each poll reads data at most this old, and every watcher of a run in
    /// this process shares one read per interval (polls stay in process: their reports hold console text). Env <c>CHECKTRAINING_Watch__PollSeconds</c>. Default 30.
    /// </summary>
    public double PollSeconds { get; set; } = 30;

    /// <summary>The most watches one process runs at once; one more is refused with a clear error. Env <c>CHECKTRAINING_Watch__MaxConcurrent</c>. Default 50.</summary>
    public int MaxConcurrent { get; set; } = 50;
}
