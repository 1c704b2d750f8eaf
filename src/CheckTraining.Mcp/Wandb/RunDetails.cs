using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// What the second request should carry besides nothing: history specs (none: no history), a system-metrics sample
/// size, a console tail length, a baseline filter with the specs its history is read with (planned before its
/// lengths are known, so sized by the caller for that), and a filter for the run's siblings (the other trials of its
/// group or sweep).
/// </summary>
public sealed record RunDetailsRequest(IReadOnlyList<JsonObject> Specs, int? EventSamples = null, int? LogTail = null, JsonObject? BaselineFilter = null,
    IReadOnlyList<JsonObject>? BaselineSpecs = null, JsonObject? SiblingFilter = null)
{
    public bool IsEmpty => Specs.Count == 0 && EventSamples is null && LogTail is null && BaselineFilter is null && SiblingFilter is null;
}

/// <summary>
/// One answer to <see cref="RunDetailsRequest"/>. A part that was not asked for is null; <c>Logs</c> is also null when
/// W&amp;B holds no console stream for the run; <c>Baseline</c> is also null when no run matched the filter.
/// </summary>
public sealed record RunDetails(
    IReadOnlyList<IReadOnlyList<JsonObject>>? Series,
    IReadOnlyList<JsonObject>? Events,
    ConsoleLines? Logs,
    BaselineRun? Baseline,
    bool BaselineAsked,
    DateTimeOffset ReadAt,
    IReadOnlyList<SiblingRun>? Siblings = null)
{
    public static RunDetails None(DateTimeOffset at) => new(null, null, null, null, false, at);
}

/// <summary>Another run of the same group or sweep, as the sibling filter found it.</summary>
public sealed record SiblingRun(string Id, string DisplayName, string State, DateTimeOffset? HeartbeatAt);

/// <summary>The run's console tail at W&amp;B, oldest first. <c>Total</c> is W&amp;B's count of all the run's lines.</summary>
public sealed record ConsoleLines(long? Total, IReadOnlyList<ConsoleLine> Lines);

/// <summary>One console line; <c>Stderr</c> when W&amp;B's level is "error". Text is raw: redact before it leaves.</summary>
public sealed record ConsoleLine(long? Number, DateTimeOffset? Timestamp, bool Stderr, string Text);

/// <summary>A baseline run found by filter, with its history under the caller's specs.</summary>
public sealed record BaselineRun(WandbRun Run, IReadOnlyList<IReadOnlyList<JsonObject>> Series);
