using System.Text.Json.Nodes;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Json;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// Builds the get_run_metrics report: every number of the seed skill, from at most two W&amp;B requests
/// (the run, then its validation history) however long the history is. Never pages through history.
/// </summary>
public sealed class RunMetricsService(WandbRunReader reader, WandbLinks links, IOptions<MetricProfileOptions> options, TimeProvider clock)
{
    private const int MaxCategories = 100;

    public async Task<RunMetricsReport> GetAsync(RunReference reference, CancellationToken cancellationToken)
    {
        var profile = options.Value;
        var resolved = await reader.GetRunAsync(reference, ConfigKeysToRead(profile), cancellationToken);
        var run = resolved.Run;
        var requests = 1;

        var plan = ValidationHistory.Plan(profile, run.HistoryKeys, out var missingValidation);
        var rows = new SortedDictionary<long, JsonObject>();
        var epochSpecRows = 0;
        if (plan.Specs.Count > 0)
        {
            var series = await reader.GetSampledHistoryAsync(resolved.Scope, run.Id, plan.Specs, cancellationToken);
            requests++;
            rows = ValidationHistory.Join(series);
            epochSpecRows = plan.EpochSpecIndex is { } i && i < series.Count ? series[i].Count : 0;
        }

        var now = clock.GetUtcNow();
        var missing = new List<string>(missingValidation);
        var nonFinite = new NonFiniteValues();
        var notes = new List<string>();
        var validation = BuildValidation(plan, rows, profile, epochSpecRows > 0, nonFinite);
        var config = profile.Config.Select(c => ConfigEntryFor(run, c, missing)).ToList();
        var progress = BuildProgress(run, profile, missing, nonFinite);
        var runtimeHours = run.RuntimeSeconds / 3600;
        var wallTime = WallTimeEstimator.Estimate(validation, progress.EpochsTotal, runtimeHours, run.State, now);
        var cost = new CostEstimate(profile.GpuName, profile.GpuCount, profile.GpuHourlyRate,
            Targets.Cost(runtimeHours, profile), Targets.Cost(wallTime.ProjectedTotalHours, profile));

        if (resolved.OtherMatchingIds.Count > 0)
        {
            // The lookup fetches at most five others, so five means "five or more".
            var count = resolved.OtherMatchingIds.Count >= 5 ? "6 or more" : (resolved.OtherMatchingIds.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            notes.Add($"Display name '{run.DisplayName}' matches {count} runs; showing the newest ({run.Id}). " +
                      $"Other ids: {string.Join(", ", resolved.OtherMatchingIds)}.");
        }

        if (missingValidation.Count > 0)
        {
            var shown = validation.Metrics.Where(m => !m.Configured).Select(m => m.Key).ToList();
            notes.Add($"This run never logged {string.Join(", ", missingValidation)}" +
                      (shown.Count > 0 ? $"; showing its other val* keys instead: {string.Join(", ", shown)}." : "."));
        }

        if (validation.Sampled)
        {
            notes.Add($"Validation history has more than {ValidationHistory.MaxSamples} points per metric; W&B sampled it.");
        }

        if (validation.EpochNumbersInferred && validation.Epochs.Count > 0)
        {
            notes.Add($"'{profile.EpochKey}' was not logged with the validation metrics; epochs are numbered by validation order.");
        }

        return new RunMetricsReport(
            new RunIdentity(run.Id, run.DisplayName, resolved.Scope.Entity, resolved.Scope.Project, run.State,
                links.RunUrl(resolved.Scope, run.Id), run.CreatedAt, resolved.MatchedBy, resolved.OtherMatchingIds),
            Targets.Round(runtimeHours),
            config,
            progress,
            validation,
            BuildCategories(run, profile, nonFinite),
            RunActivityCalculator.Calculate(run, now, profile.StaleAfterMinutes),
            wallTime,
            cost,
            missing,
            nonFinite.Keys,
            notes,
            requests);
    }

    /// <summary>Top-level config keys to request for the config summary and the planned epoch count.</summary>
    private static IEnumerable<string> ConfigKeysToRead(MetricProfileOptions profile) =>
        WandbRun.TopLevelKeys(profile.Config.SelectMany(c => c.Paths).Append(profile.EpochsConfigKey));

    private static ValidationTable BuildValidation(ValidationHistory plan, SortedDictionary<long, JsonObject> rows, MetricProfileOptions profile, bool epochLogged,
        NonFiniteValues nonFinite)
    {
        var epochKey = profile.EpochKey;
        var valRows = rows.Where(r => plan.Metrics.Any(m => r.Value.ContainsKey(m.Key))).ToList();
        var epochs = valRows.Select((r, i) => new ValidationEpoch(
            epochLogged && JsonValues.AsDouble(r.Value[epochKey]) is { } e ? e : i + 1,
            r.Key,
            Targets.Round(JsonValues.AsDouble(r.Value["_runtime"]) / 3600),
            JsonValues.FromUnixSeconds(JsonValues.AsDouble(r.Value["_timestamp"])))).ToList();
        var metrics = plan.Metrics.Select(m =>
        {
            var values = valRows.Select(r => nonFinite.Check($"{m.Key}@{r.Key}", JsonValues.AsDouble(r.Value[m.Key]))).ToList();
            var latest = values.LastOrDefault(v => v is not null);
            var configured = profile.Validation.Any(v => v.Key == m.Key);
            return new ValidationMetric(m.Key, m.Label, m.Target, m.Goal, m.Percent, values, latest, Targets.Meets(m.Goal, m.Target, latest), configured);
        }).ToList();
        return new ValidationTable(epochs, metrics, !epochLogged, plan.Sampled);
    }

    private static ConfigEntry ConfigEntryFor(WandbRun run, ConfigFieldOptions field, List<string> missing)
    {
        foreach (var path in field.Paths)
        {
            if (run.ConfigValue(path) is { } value)
            {
                return new ConfigEntry(field.Label, JsonValues.AsDisplay(value), path);
            }
        }

        missing.Add("config." + string.Join("|", field.Paths));
        return new ConfigEntry(field.Label, null, null);
    }

    private static RunProgress BuildProgress(WandbRun run, MetricProfileOptions profile, List<string> missing, NonFiniteValues nonFinite)
    {
        double? Summary(string key)
        {
            var raw = JsonValues.AsDouble(run.Summary[key]);
            var value = nonFinite.Check(key, raw);
            if (raw is null)
            {
                missing.Add(key);
            }

            return value;
        }

        var epoch = Summary(profile.EpochKey);
        var step = Summary(profile.BatchStepKey);
        var pct = Summary(profile.BatchPctKey);
        var loss = Summary(profile.BatchLossKey);
        double? total = step is { } s && pct is > 0 and <= 100 ? Math.Round(s * 100 / pct.Value) : null;
        return new RunProgress(epoch, JsonValues.AsDouble(run.ConfigValue(profile.EpochsConfigKey)), step, total, pct, loss);
    }

    private static CategoryAccuracy BuildCategories(WandbRun run, MetricProfileOptions profile, NonFiniteValues nonFinite)
    {
        var all = run.Summary
            .Where(kv => kv.Key.StartsWith(profile.CategoryPrefix, StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (Name: kv.Key[profile.CategoryPrefix.Length..], Value: JsonValues.AsDouble(kv.Value), kv.Key))
            // NaN is never "fine": a non-finite accuracy is flagged (and listed as non-finite).
            .Select(c => new CategoryEntry(c.Name, nonFinite.Check(c.Key, c.Value), c.Value is { } v && !(v >= profile.CategoryFlagBelow)))
            .ToList();
        return new CategoryAccuracy(profile.CategoryFlagBelow, all.Take(MaxCategories).ToList(), all.Count(c => c.Flagged), all.Count > MaxCategories);
    }

}
