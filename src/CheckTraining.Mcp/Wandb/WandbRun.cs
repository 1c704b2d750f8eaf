using System.Text.Json.Nodes;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Wandb;

/// <summary>A run as read from W&amp;B, with the JSON-in-JSON fields decoded and the config values unwrapped.</summary>
public sealed record WandbRun(
    string Id,
    string DisplayName,
    string State,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? HeartbeatAt,
    long? ComputeSeconds,
    long? HistoryLineCount,
    JsonObject Config,
    JsonObject Summary,
    HistoryKeys HistoryKeys,
    string? Gpu = null,
    int? GpuCount = null,
    string? Group = null,
    string? SweepName = null,
    bool ResumeMarked = false)
{
    public static WandbRun FromNode(JsonObject node) => new(
        Id: JsonValues.AsString(node["name"]) ?? throw new WandbException(WandbErrorKind.Malformed, "W&B returned a run without an id."),
        DisplayName: JsonValues.AsString(node["displayName"]) ?? JsonValues.AsString(node["name"])!,
        State: JsonValues.AsString(node["state"]) ?? "unknown",
        CreatedAt: JsonValues.AsUtcTimestamp(node["createdAt"]),
        HeartbeatAt: JsonValues.AsUtcTimestamp(node["heartbeatAt"]),
        ComputeSeconds: JsonValues.AsLong(node["computeSeconds"]),
        HistoryLineCount: JsonValues.AsLong(node["historyLineCount"]),
        Config: UnwrapConfig(Decode(node["config"], "config")),
        Summary: Decode(node["summaryMetrics"], "summaryMetrics"),
        HistoryKeys: HistoryKeys.Parse(Decode(node["historyKeys"], "historyKeys")),
        Gpu: JsonValues.AsString(node["runInfo"]?["gpu"]),
        GpuCount: (int?)JsonValues.AsLong(node["runInfo"]?["gpuCount"]),
        Group: JsonValues.AsString(node["group"]),
        SweepName: JsonValues.AsString(node["sweepName"]),
        ResumeMarked: WandbTelemetry.MarksResume(Decode(node["config"], "config")));

    /// <summary><c>State</c> as the enum, null for a state this build does not know (<c>State</c> keeps the text).</summary>
    public WandbRunState? RunState => WandbRunStates.Parse(State);

    /// <summary>In a state the run does not leave (<see cref="WandbRunStates.IsEnded"/>).</summary>
    public bool IsEnded => RunState.IsEnded();

    /// <summary>Summary <c>_timestamp</c>: when the run last logged.</summary>
    public DateTimeOffset? LastLoggedAt => JsonValues.FromUnixSeconds(JsonValues.AsDouble(Summary["_timestamp"]));

    /// <summary>Run time in seconds: summary <c>_wandb.runtime</c>, else <c>_runtime</c>, else computeSeconds.</summary>
    public double? RuntimeSeconds =>
        JsonValues.AsDouble((Summary["_wandb"] as JsonObject)?["runtime"])
        ?? JsonValues.AsDouble(Summary["_runtime"])
        ?? ComputeSeconds;

    /// <summary>A config value by dot-path; a flat key holding dots wins over walking nested objects.</summary>
    public JsonNode? ConfigValue(string path)
    {
        if (Config.TryGetPropertyValue(path, out var flat))
        {
            return flat;
        }

        JsonNode? current = Config;
        foreach (var part in path.Split('.'))
        {
            current = (current as JsonObject)?[part];
        }

        return current;
    }

    /// <summary>
    /// What to pass to <c>config(keys:)</c> for dot-paths: each path's first segment, plus the path itself in case the
    /// run stored a flat key containing dots.
    /// </summary>
    public static IEnumerable<string> TopLevelKeys(IEnumerable<string> paths) =>
        paths.SelectMany(p => new[] { p, p.Split('.')[0] }).Distinct(StringComparer.Ordinal);

    private static JsonObject Decode(JsonNode? field, string name)
    {
        try
        {
            return LenientJson.DecodeEmbedded(field) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new WandbException(WandbErrorKind.Malformed, $"W&B returned an unreadable {name} field ({ex.Message}).", ex);
        }
    }

    /// <summary>Config keys arrive as <c>{"value": v, "desc": ...}</c>; SDK-internal keys are dropped.</summary>
    private static JsonObject UnwrapConfig(JsonObject raw)
    {
        var config = new JsonObject();
        foreach (var (key, value) in raw)
        {
            if (key is "_wandb" or "wandb_version")
            {
                continue;
            }

            var unwrapped = value is JsonObject o && o.ContainsKey("value") ? o["value"] : value;
            config[key] = unwrapped?.DeepClone();
        }

        return config;
    }
}

/// <summary>The run's <c>historyKeys</c>: which keys were logged and in how many rows.</summary>
public sealed record HistoryKeys(long? LastStep, IReadOnlyDictionary<string, long> Counts)
{
    public static HistoryKeys Parse(JsonObject node)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (node["keys"] is JsonObject keys)
        {
            foreach (var (key, info) in keys)
            {
                long total = 0;
                if (info?["typeCounts"] is JsonArray typeCounts)
                {
                    total = typeCounts.Sum(t => JsonValues.AsLong(t?["count"]) ?? 0);
                }

                counts[key] = total;
            }
        }

        return new HistoryKeys(JsonValues.AsLong(node["lastStep"]), counts);
    }
}
