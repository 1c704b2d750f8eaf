using System.Text.Json.Nodes;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Json;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Metrics;

/// <summary>Builds list_recent_runs from one W&amp;B request.</summary>
public sealed class RecentRunsService(WandbRunReader reader, WandbLinks links, IOptions<MetricProfileOptions> options, TimeProvider clock)
{
    public const int MaxLimit = 50;

    /// <summary>States W&amp;B reports (the run states the W&amp;B API documents).</summary>
    public static readonly IReadOnlyList<string> States = WandbRunStates.All.Select(s => s.ApiName()).ToList();

    public async Task<RecentRunsReport> GetAsync(int limit, string? state, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new InvalidArgumentException($"limit must be between 1 and {MaxLimit}; got {limit}.");
        }

        state = string.IsNullOrWhiteSpace(state) ? null : state.Trim().ToLowerInvariant();
        if (state is not null && !States.Contains(state))
        {
            throw new InvalidArgumentException($"state must be one of {string.Join(", ", States)}; got '{EchoedInput.Of(state)}'.");
        }

        var profile = options.Value;
        var summaryKeys = new[] { "_runtime", "_timestamp", "_wandb", profile.EpochKey }.Concat(profile.Validation.Select(v => v.Key));
        // Each run's loss, sampled to the sparkline's width, rides in the same request.
        var curveSpec = new JsonObject { ["keys"] = new JsonArray("_step", profile.BatchLossKey), ["samples"] = LossTrend.ShapePoints };
        var page = await reader.GetRecentRunsAsync(limit, state, summaryKeys, WandbRun.TopLevelKeys([profile.EpochsConfigKey]), curveSpec, cancellationToken);
        var now = clock.GetUtcNow();
        var items = page.Runs.Select(run =>
        {
            var activity = RunActivityCalculator.Calculate(run, now, profile.StaleAfterMinutes);
            var hours = run.RuntimeSeconds / 3600;
            var metrics = profile.Validation.Select(v =>
            {
                var value = JsonValues.AsDouble(run.Summary[v.Key]) is { } d && double.IsFinite(d) ? d : (double?)null;
                return new HeadlineMetric(v.Key, v.Label, value, v.Percent, Targets.Meets(MetricGoals.Of(v), v.Target, value));
            }).ToList();
            var price = GpuPricing.Price(run.Gpu, run.GpuCount, profile);
            var loss = page.Curves.GetValueOrDefault(run.Id, [])
                .Select(r => (Step: JsonValues.AsLong(r["_step"]), Value: JsonValues.AsDouble(r[profile.BatchLossKey])))
                .Where(p => p.Step is not null && p.Value is not null)
                .Select(p => new LossPoint(p.Step!.Value, p.Value!.Value, null))
                .ToList();
            return new RecentRun(run.Id, run.DisplayName, run.State, run.CreatedAt,
                Targets.Round(hours), activity.MinutesSinceHeartbeat, activity.Stale,
                JsonValues.AsDouble(run.Summary[profile.EpochKey]), JsonValues.AsDouble(run.ConfigValue(profile.EpochsConfigKey)),
                metrics, GpuPricing.Cost(hours, price), price, LossTrend.From(loss, sampled: true, profile.BatchLossKey),
                links.RunUrl(page.Scope, run.Id));
        }).ToList();
        // Judged on what W&B returned, not what is left after dropping duplicates.
        return new RecentRunsReport(page.Scope.Entity, page.Scope.Project, state, limit, page.ReadAt, items, page.Returned >= limit, 1);
    }
}
