using System.Text.Json.Nodes;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Tests.Metrics;

/// <summary>
/// A run's log calls as W&amp;B would answer for them: the history keys with their row counts, and per spec of the plan
/// the rows holding every one of its keys (sampledHistory's rule). Small runs only: nothing is sampled.
/// </summary>
internal static class LoggedHistory
{
    private const long StartSeconds = 1_764_806_400; // 2025-12-04 00:00 UTC

    /// <summary>One <c>wandb.log()</c> call at <paramref name="step"/>, with the _runtime and _timestamp W&amp;B adds (36 s per step).</summary>
    public static JsonObject Call(long step, JsonObject fields)
    {
        fields["_step"] = step;
        fields["_runtime"] = step * 36;
        fields["_timestamp"] = StartSeconds + (step * 36);
        return fields;
    }

    /// <summary>A value as W&amp;B's JSON carries it: non-finite floats as the strings "NaN", "Infinity", "-Infinity".</summary>
    public static JsonNode Number(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : JsonValue.Create(value);

    public static (HistoryPlan Plan, RunHistory History) Read(MetricProfileOptions profile, IReadOnlyList<JsonObject> calls)
    {
        var counts = calls.SelectMany(c => c.Select(p => p.Key)).GroupBy(k => k).ToDictionary(g => g.Key, g => (long)g.Count());
        var plan = HistoryPlan.Create(profile, counts, [], out _, calls.Count == 0 ? null : calls.Max(c => (long)c["_step"]!));
        var series = plan.Specs.Select(spec =>
        {
            var keys = spec["keys"]!.AsArray().Select(k => (string)k!).ToList();
            return (IReadOnlyList<JsonObject>)calls.Where(c => keys.All(k => c[k] is not null)).Select(c => (JsonObject)c.DeepClone()).ToList();
        }).ToList();
        return (plan, RunHistory.Read(plan, series));
    }
}
