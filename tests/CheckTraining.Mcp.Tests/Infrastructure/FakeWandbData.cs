using System.Globalization;
using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>A run as the fake W&amp;B server stores it. Non-finite numbers are stored as double.NaN etc.</summary>
public sealed class FakeRun
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public required string State { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? HeartbeatAt { get; init; }

    /// <summary>Raw config values (not yet wrapped in {"value": ...}).</summary>
    public JsonObject Config { get; init; } = [];

    /// <summary>Summary values; double.NaN becomes a bare NaN token on the wire, as the Python SDK writes it.</summary>
    public Dictionary<string, object?> Summary { get; init; } = [];

    public List<Dictionary<string, object?>> History { get; init; } = [];

    /// <summary>What W&amp;B's runInfo reports (from the run's system metadata); null when the run reported none.</summary>
    public string? Gpu { get; init; }

    public int? GpuCount { get; init; }

    /// <summary>Console lines as W&amp;B serves them (level "error" for stderr); null: the stream never reached W&amp;B.</summary>
    public List<(DateTimeOffset At, bool Stderr, string Line)>? Console { get; init; }

    /// <summary>System-metrics rows (<c>system.gpu.0.gpu</c>, <c>_timestamp</c>, ...), oldest first.</summary>
    public List<Dictionary<string, object?>> Events { get; init; } = [];

    /// <summary>The run's group and sweep (a sweep's or a <c>.map()</c>'s trials share them); null: none.</summary>
    public string? Group { get; init; }

    public string? Sweep { get; init; }

    /// <summary>W&amp;B's createdAt sometimes lacks a zone designator; both must read as UTC.</summary>
    public bool CreatedAtWithoutZone { get; init; }
}

/// <summary>The W&amp;B user a key belongs to: its id, name (its personal entity) and the teams it is a member of.</summary>
public sealed record FakeViewer(string Id, string Name, params string[] Teams);

/// <summary>Projects and runs served by the fake.</summary>
public sealed class FakeWandbData
{
    /// <summary>The entity of <see cref="FakeWandbServer.ApiKey"/>'s user (the fixtures' entity: a personal project).</summary>
    public string ViewerEntity { get; set; } = "shinewave";

    /// <summary>
    /// Keys the fake accepts besides <see cref="FakeWandbServer.ApiKey"/> (whose user is <see cref="ViewerEntity"/>), and
    /// their users: by default a team member and a stranger with a valid key of their own.
    /// </summary>
    public Dictionary<string, FakeViewer> Keys { get; } = new()
    {
        [FakeWandbServer.OtherApiKey] = new("VXNlcjoy", "colleague", "shinewave"),
        [FakeWandbServer.StrangerApiKey] = new("VXNlcjoz", "stranger", "another-team"),
    };

    /// <summary>The user of a key the fake accepts, else null.</summary>
    public FakeViewer? ViewerOf(string? key) =>
        key == FakeWandbServer.ApiKey ? new("VXNlcjox", ViewerEntity) : key is not null && Keys.TryGetValue(key, out var viewer) ? viewer : null;

    public Dictionary<(string Entity, string Project), List<FakeRun>> Projects { get; } = [];

    public List<FakeRun> Project(string entity, string project)
    {
        if (!Projects.TryGetValue((entity, project), out var runs))
        {
            Projects[(entity, project)] = runs = [];
        }

        return runs;
    }

    /// <summary>Writes JSON with bare NaN/Infinity tokens (invalid JSON, but what the SDK's encoder emits).</summary>
    public static string ToWandbJson(object? value)
    {
        var node = ToNode(value);
        return node is null ? "null" : ReplaceMarkers(node.ToJsonString());
    }

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode n => n.DeepClone(),
        double d when double.IsNaN(d) => JsonValue.Create("__NaN__"),
        double d when double.IsPositiveInfinity(d) => JsonValue.Create("__Inf__"),
        double d when double.IsNegativeInfinity(d) => JsonValue.Create("__-Inf__"),
        double d => JsonValue.Create(d),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        Dictionary<string, object?> dict => new JsonObject(dict.Select(kv => KeyValuePair.Create(kv.Key, ToNode(kv.Value)))),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    public static string ReplaceMarkers(string json) => json
        .Replace("\"__NaN__\"", "NaN", StringComparison.Ordinal)
        .Replace("\"__-Inf__\"", "-Infinity", StringComparison.Ordinal)
        .Replace("\"__Inf__\"", "Infinity", StringComparison.Ordinal);
}
