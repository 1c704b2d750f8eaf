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

public static class WandbRunStates
{
    /// <summary>The state as W&amp;B's API spells it (lowercase).</summary>
    public static string ApiName(this WandbRunState state) => state.ToString().ToLowerInvariant();
}
