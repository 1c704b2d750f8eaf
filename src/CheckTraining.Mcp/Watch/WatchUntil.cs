using System.Text.Json.Serialization;

namespace CheckTraining.Mcp.Watch;

/// <summary>What a watch waits for; a tool argument, so the input schema lists the three words.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WatchUntil>))]
public enum WatchUntil
{
    /// <summary>The verdict code or the W&amp;B state changes (crashed, hung, diverged, container gone, finished, ...).</summary>
    [JsonStringEnumMemberName("change")] Change,

    /// <summary>A new validation epoch completes, or the verdict changes.</summary>
    [JsonStringEnumMemberName("epoch")] Epoch,

    /// <summary>The run ends (finished, crashed, failed or killed).</summary>
    [JsonStringEnumMemberName("finished")] Finished,
}
