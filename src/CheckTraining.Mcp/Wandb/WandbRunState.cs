using System.Text.Json.Serialization;

namespace CheckTraining.Mcp.Wandb;

/// <summary>The run states W&amp;B reports, as the API spells them; a tool argument, so the input schema lists them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WandbRunState>))]
public enum WandbRunState
{
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("finished")] Finished,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("crashed")] Crashed,
    [JsonStringEnumMemberName("killed")] Killed,
    [JsonStringEnumMemberName("preempting")] Preempting,
    [JsonStringEnumMemberName("preempted")] Preempted,
    [JsonStringEnumMemberName("pending")] Pending,
}

/// <summary>
/// Explicit maps between <see cref="WandbRunState"/> and W&amp;B's spelling (no reflection, so trimming keeps them).
/// A state W&amp;B adds later parses to null: the enum is also the tool argument's schema, so it has no "other" member.
/// </summary>
public static class WandbRunStates
{
    /// <summary>Every state, in the order the API documents them (and error messages list them).</summary>
    public static readonly IReadOnlyList<WandbRunState> All =
    [
        WandbRunState.Running, WandbRunState.Finished, WandbRunState.Failed, WandbRunState.Crashed,
        WandbRunState.Killed, WandbRunState.Preempting, WandbRunState.Preempted, WandbRunState.Pending,
    ];

    /// <summary>The state as W&amp;B's API spells it (lowercase).</summary>
    public static string ApiName(this WandbRunState state) => state switch
    {
        WandbRunState.Running => "running",
        WandbRunState.Finished => "finished",
        WandbRunState.Failed => "failed",
        WandbRunState.Crashed => "crashed",
        WandbRunState.Killed => "killed",
        WandbRunState.Preempting => "preempting",
        WandbRunState.Preempted => "preempted",
        WandbRunState.Pending => "pending",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>W&amp;B's state text, or null for one this build does not know (the raw text stays for display).</summary>
    public static WandbRunState? Parse(string? state) => state switch
    {
        "running" => WandbRunState.Running,
        "finished" => WandbRunState.Finished,
        "failed" => WandbRunState.Failed,
        "crashed" => WandbRunState.Crashed,
        "killed" => WandbRunState.Killed,
        "preempting" => WandbRunState.Preempting,
        "preempted" => WandbRunState.Preempted,
        "pending" => WandbRunState.Pending,
        _ => null,
    };

    /// <summary>A state the run does not leave: finished, crashed, failed or killed (a preempted run may be requeued).</summary>
    public static bool IsEnded(this WandbRunState? state) =>
        state is WandbRunState.Finished or WandbRunState.Crashed or WandbRunState.Failed or WandbRunState.Killed;

    /// <summary>Ended without finishing: crashed, failed or killed.</summary>
    public static bool IsFailure(this WandbRunState? state) =>
        state is WandbRunState.Crashed or WandbRunState.Failed or WandbRunState.Killed;
}
