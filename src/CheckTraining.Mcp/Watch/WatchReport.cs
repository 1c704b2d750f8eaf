using System.Text.Json.Serialization;
using CheckTraining.Mcp.Check;

namespace CheckTraining.Mcp.Watch;

/// <summary>Why a watch answered.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WatchOutcome>))]
public enum WatchOutcome
{
    /// <summary>The verdict code or the W&amp;B state changed.</summary>
    [JsonStringEnumMemberName("changed")] Changed,

    /// <summary>A new validation epoch completed (until = epoch).</summary>
    [JsonStringEnumMemberName("epoch")] Epoch,

    /// <summary>The run ended while it was watched.</summary>
    [JsonStringEnumMemberName("ended")] Ended,

    /// <summary>The run had ended before the watch began: nothing to wait for.</summary>
    [JsonStringEnumMemberName("already-ended")] AlreadyEnded,

    /// <summary>The first read found no run to watch (not found, or W&amp;B unreadable).</summary>
    [JsonStringEnumMemberName("nothing-to-watch")] NothingToWatch,

    /// <summary>Nothing happened before the timeout.</summary>
    [JsonStringEnumMemberName("timed-out")] TimedOut,

    /// <summary>The server began shutting down (SIGTERM) while the watch waited.</summary>
    [JsonStringEnumMemberName("stopped")] Stopped,
}

/// <summary>
/// What watch_run answers: why and when, and the check_training report of that moment (<c>Check</c>). <c>Change</c>
/// is set when something happened (changed, epoch, ended).
/// </summary>
public sealed record WatchRunReport(
    WatchOutcome Outcome,
    WatchUntil Until,
    DateTimeOffset StartedAt,
    DateTimeOffset AnsweredAt,
    int Polls,
    double PollSeconds,
    double TimeoutSeconds,
    WatchedChange? Change,
    CheckTrainingReport Check);

/// <summary>
/// What changed from the watch's first read to the read that showed it (<c>SeenAt</c>, that read's time). <c>LoggedAt</c>
/// is when W&amp;B logged it, where it says: the new epoch's validation, or the ended run's last log.
/// </summary>
public sealed record WatchedChange(
    string FromVerdict,
    string ToVerdict,
    string? FromState,
    string? ToState,
    double? FromEpoch,
    double? ToEpoch,
    DateTimeOffset SeenAt,
    DateTimeOffset? LoggedAt);

/// <summary>One poll that did not answer, for progress: the poll's number, how long the watch has waited, and what it read.</summary>
public sealed record WatchPoll(int Number, TimeSpan Elapsed, TimeSpan Timeout, CheckTrainingReport Report);

/// <summary>Where a watch reports each poll (the tool turns it into MCP progress notifications). Awaited, so reports arrive in order.</summary>
public interface IWatchProgress
{
    ValueTask ReportAsync(WatchPoll poll, CancellationToken cancellationToken);
}
