using System.Text.Json.Nodes;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Json;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// Plans and joins the validation history read. <c>sampledHistory</c> returns only rows holding every key of a spec,
/// so each metric gets its own spec and rows are outer-joined on <c>_step</c> (wandb-api.md section 7.3).
/// </summary>
internal sealed class ValidationHistory
{
    /// <summary>Validation points fetched per metric; a run with more is sampled and says so.</summary>
    public const int MaxSamples = 1000;

    /// <summary>Extra (unconfigured) val* keys shown at most, so the request and the report stay small.</summary>
    public const int MaxExtraMetrics = 4;

    private static readonly string[] TimeKeys = ["_runtime", "_timestamp"];

    private ValidationHistory(IReadOnlyList<ValidationMetricOptions> metrics, IReadOnlyList<JsonObject> specs, int? epochSpecIndex, bool sampled)
    {
        Metrics = metrics;
        Specs = specs;
        EpochSpecIndex = epochSpecIndex;
        Sampled = sampled;
    }

    public IReadOnlyList<ValidationMetricOptions> Metrics { get; }

    public IReadOnlyList<JsonObject> Specs { get; }

    /// <summary>Index of the spec pairing the epoch key with the first metric; its rows exist only if both were logged together.</summary>
    public int? EpochSpecIndex { get; }

    public bool Sampled { get; }

    /// <summary>Configured metrics the run logged, then other val* keys it has (categories excluded: they come from the summary).</summary>
    public static ValidationHistory Plan(MetricProfileOptions profile, HistoryKeys keys, out IReadOnlyList<string> missing)
    {
        var counts = keys.Counts;
        var configured = profile.Validation.Where(m => counts.ContainsKey(m.Key)).ToList();
        missing = profile.Validation.Where(m => !counts.ContainsKey(m.Key)).Select(m => m.Key).ToList();
        var extras = counts.Keys
            .Where(k => k.StartsWith("val", StringComparison.OrdinalIgnoreCase)
                && !k.StartsWith(profile.CategoryPrefix, StringComparison.Ordinal)
                && profile.Validation.All(m => m.Key != k))
            .Order(StringComparer.Ordinal)
            .Take(MaxExtraMetrics)
            .Select(k => new ValidationMetricOptions { Key = k, Label = k });
        var metrics = configured.Concat(extras).ToList();
        if (metrics.Count == 0)
        {
            return new ValidationHistory([], [], null, false);
        }

        var maxCount = metrics.Max(m => counts[m.Key]);
        var samples = (int)Math.Clamp(maxCount, 1, MaxSamples);
        var first = metrics[0].Key;
        var specs = new List<JsonObject>
        {
            Spec(samples, ["_step", .. TimeKeys.Where(counts.ContainsKey), first]),
        };
        int? epochSpec = null;
        if (counts.ContainsKey(profile.EpochKey))
        {
            epochSpec = specs.Count;
            specs.Add(Spec(samples, ["_step", profile.EpochKey, first]));
        }

        specs.AddRange(metrics.Skip(1).Select(m => Spec(samples, ["_step", m.Key])));
        return new ValidationHistory(metrics, specs, epochSpec, maxCount > MaxSamples);
    }

    /// <summary>Outer-joins the per-spec rows on <c>_step</c>, ordered by step.</summary>
    public static SortedDictionary<long, JsonObject> Join(IEnumerable<IReadOnlyList<JsonObject>> series)
    {
        var rows = new SortedDictionary<long, JsonObject>();
        foreach (var row in series.SelectMany(s => s))
        {
            if (JsonValues.AsLong(row["_step"]) is not { } step)
            {
                continue; // shared-mode runs may omit _step; such rows cannot be placed
            }

            if (!rows.TryGetValue(step, out var merged))
            {
                rows[step] = merged = [];
            }

            foreach (var (key, value) in row)
            {
                merged[key] ??= value?.DeepClone();
            }
        }

        return rows;
    }

    private static JsonObject Spec(int samples, string[] keys) => new()
    {
        ["keys"] = new JsonArray(keys.Select(k => (JsonNode)k).ToArray()),
        ["samples"] = samples,
    };
}
