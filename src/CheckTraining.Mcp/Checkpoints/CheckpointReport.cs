namespace CheckTraining.Mcp.Checkpoints;

/// <summary>A run's checkpoint folder on the Modal volume and, unless listing only, the file downloaded from it.</summary>
public sealed record CheckpointReport(
    string Run,
    string RunId,
    string Volume,
    string RemoteDirectory,
    DateTimeOffset AsOf,
    IReadOnlyList<CheckpointFile> Files,
    bool FilesTruncated,
    CheckpointDownload? Download);

/// <summary>A listed entry. Size and time are as rounded as Modal's listing gives them.</summary>
public sealed record CheckpointFile(string Name, string Type, string? Size, long? ApproxBytes, DateTimeOffset? Modified);

/// <summary>
/// The local result. Status: <c>downloaded</c>, <c>replaced</c> (overwrite was set), or <c>already-present</c>
/// (a local file of the listed size and at least as new was kept; nothing was downloaded).
/// </summary>
public sealed record CheckpointDownload(string File, string LocalPath, long Bytes, string Status, double Seconds);
