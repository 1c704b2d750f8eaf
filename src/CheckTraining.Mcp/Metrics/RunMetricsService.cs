using System.Globalization;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Json;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// Builds the get_run_metrics report: every number of the seed skill, from at most two W&amp;B requests (the run, then one
/// sampled history read) however long the history is. Never pages through history.
/// </summary>
public sealed class RunMetricsService(WandbRunReader reader, WandbLinks links, IOptions<MetricProfileOptions> options, IOptions<CompareRunsOptions> compare,
    TimeProvider clock)
{
    private const int MaxCategories = 100;

    public async Task<RunMetricsReport> GetAsync(RunReference reference, CancellationToken cancellationToken) =>
        await BuildAsync(await ResolveAsync(reference, cancellationToken), cancellationToken);

    /// <summary>The first request: finds the run and reads its state, config, summary and history keys.</summary>
    /// <param name="reference">The run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="wholeConfig">Reads every config key (to compare configs), not only those the report shows.</param>
    public Task<ResolvedRun> ResolveAsync(RunReference reference, CancellationToken cancellationToken, bool wholeConfig = false) =>
        reader.GetRunAsync(reference, wholeConfig ? null : ConfigKeysToRead(options.Value, compare.Value), cancellationToken);

    /// <summary>The second request (when the run has history), then the report.</summary>
    public async Task<RunMetricsReport> BuildAsync(ResolvedRun resolved, CancellationToken cancellationToken) =>
        (await ReadAsync(resolved, RunExtras.None, cancellationToken)).Report;

    /// <summary>
    /// The report, the history rows behind it (for plots) and whatever else <paramref name="extras"/> asks for (system
    /// metrics, console tail, a baseline with its history), all from the one second request. Without extras the request
    /// is the report's own, so a cached read serves every caller.
    /// </summary>
    internal async Task<RunRead> ReadAsync(ResolvedRun resolved, RunExtras extras, CancellationToken cancellationToken)
    {
        var keys = resolved.Run.HistoryKeys;
        var plan = HistoryPlan.Create(options.Value, keys.Counts, extras.ExtraKeys, out var missingValidation, keys.LastStep);
        var baselinePlan = extras.BaselineFilter is null ? null : plan.ForOtherRun(extras.BaselineLoss);
        var request = new RunDetailsRequest(plan.Specs, extras.EventSamples, extras.LogTail, extras.BaselineFilter, baselinePlan?.Specs,
            extras.SiblingFilter);
        var details = request.IsEmpty
            ? RunDetails.None(resolved.ReadAt)
            : await reader.GetRunDetailsAsync(resolved.Scope, resolved.Run.Id, request, cancellationToken);
        var (report, history) = BuildReport(resolved, plan, missingValidation, details.Series ?? [], request.IsEmpty ? null : details.ReadAt);
        return new RunRead(report, history, plan, details, baselinePlan);
    }

    /// <summary>A report for the baseline that rode in another run's request, under the plan it was read with.</summary>
    internal (RunMetricsReport Report, RunHistory History) BuildBaseline(WandbScope scope, RunRead read, BaselineRun baseline) =>
        BuildReport(new ResolvedRun(scope, baseline.Run, "baseline", [], read.Details.ReadAt), read.BaselinePlan!, [], baseline.Series, read.Details.ReadAt);

    private (RunMetricsReport Report, RunHistory History) BuildReport(ResolvedRun resolved, HistoryPlan plan,
        IReadOnlyList<string> missingValidation, IReadOnlyList<IReadOnlyList<JsonObject>> series, DateTimeOffset? historyReadAt)
    {
        var profile = plan.Profile;
        var run = resolved.Run;
        var history = RunHistory.Read(plan, series);
        var now = clock.GetUtcNow();
        var missing = new List<string>(missingValidation);
        var nonFinite = new NonFiniteValues();
        var notes = new List<string>();
        var validation = ValidationTableBuilder.Build(plan, history, profile, nonFinite, notes);
        var config = profile.Config.Select(c => ConfigEntryFor(run, c, missing)).ToList();
        var progress = BuildProgress(run, profile, plan.StepKey, missing, nonFinite);
        var runtimeHours = run.RuntimeSeconds / 3600;
        var wallTime = WallTimeEstimator.Estimate(validation, progress, runtimeHours, run.RunState, now);
        var price = GpuPricing.Price(run.Gpu, run.GpuCount, profile);
        var spent = GpuPricing.Cost(runtimeHours, price);
        var cost = new CostEstimate(price, spent, GpuPricing.Cost(wallTime.ProjectedTotalHours, price) is { } projected && spent is { } s ? Math.Max(projected, s)
            : GpuPricing.Cost(wallTime.ProjectedTotalHours, price)); // the projection never prices below what was spent
        notes.AddRange(Notes(resolved, validation, missingValidation, price));
        var summaryLoss = JsonValues.AsDouble(run.Summary[profile.BatchLossKey]);
        var resume = ResumeFinder.Find(history.Loss, run.ResumeMarked, now);
        var divergence = DivergenceFinder.Find(history.Loss, plan.LossSampled, summaryLoss is { } l && !double.IsFinite(l), profile.BatchLossKey, now);

        var report = new RunMetricsReport(
            new RunIdentity(run.Id, run.DisplayName, resolved.Scope.Entity, resolved.Scope.Project, run.State,
                links.RunUrl(resolved.Scope, run.Id), run.CreatedAt, resolved.MatchedBy, resolved.OtherMatchingIds, run.Group, run.SweepName,
                resolved.OtherMatching.Count == 0 ? null : resolved.OtherMatching.Select(o => new Namesake(o.Id, o.State, o.CreatedAt)).ToList()),
            Min(resolved.ReadAt, historyReadAt),
            Targets.Round(runtimeHours),
            config,
            progress,
            validation,
            LossTrend.From(history.Loss, plan.LossSampled, profile.BatchLossKey),
            divergence,
            BuildCategories(run, profile, nonFinite),
            RunActivityCalculator.WithResume(RunActivityCalculator.Calculate(run, now, profile.StaleAfterMinutes), resume, run.CreatedAt),
            wallTime,
            cost,
            missing,
            nonFinite.Keys,
            notes,
            historyReadAt is null ? 1 : 2,
            resume);
        return (report, history);
    }

    private static IEnumerable<string> Notes(ResolvedRun resolved, ValidationTable validation, IReadOnlyList<string> missingValidation, GpuPrice price)
    {
        var run = resolved.Run;
        if (missingValidation.Count > 0 && validation.Epochs.Count == 0 && run.RunState.IsFailure())
        {
            // Not a misconfiguration: it never got as far as a validation pass.
            yield return $"This run {run.State} before its first validation, so {string.Join(", ", missingValidation)} never reached W&B.";
        }
        else if (missingValidation.Count > 0)
        {
            var shown = validation.Metrics.Where(m => !m.Configured).Select(m => m.Key).ToList();
            yield return $"This run never logged {string.Join(", ", missingValidation)}" +
                         (shown.Count > 0 ? $"; showing its other validation keys instead: {string.Join(", ", shown)}." : ".");
        }

        if (price.Fallback)
        {
            yield return $"Cost uses the fallback rate {price.HourlyRate.ToString("0.00", CultureInfo.InvariantCulture)} $/GPU-h: " +
                         (price.Reported is null ? "W&B reported no GPU for this run" : $"no rate is configured for '{price.Reported}'") +
                         " (set Metrics:GpuRates).";
        }
    }

    /// <summary>Top-level config keys to request for the config summary and the planned epoch count.</summary>
    private static IEnumerable<string> ConfigKeysToRead(MetricProfileOptions profile, CompareRunsOptions compare) =>
        WandbRun.TopLevelKeys(profile.Config.SelectMany(c => c.Paths).Append(profile.EpochsConfigKey).Concat(RunKeys.ConfigKeys)
            .Concat(compare.MatchConfigKeys))
            .Append(WandbTelemetry.ConfigKey); // the SDK's telemetry says whether the run was resumed

    /// <summary>The older of two read times: a report is as old as its oldest data.</summary>
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset? b) => b is { } v && v < a ? v : a;

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

    private static RunProgress BuildProgress(WandbRun run, MetricProfileOptions profile, string? stepKey, List<string> missing, NonFiniteValues nonFinite)
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
        var epochsTotal = RunKeys.EpochsTotal(run, profile);
        // The trainer step where the run logs one: W&B's _step counts log calls, not optimiser steps.
        var trainerStep = JsonValues.AsDouble(stepKey is null ? null : run.Summary[stepKey]) ?? JsonValues.AsDouble(run.Summary["_step"]);
        return new RunProgress(epoch, epochsTotal, step, total, pct, loss, trainerStep, RunKeys.StepsTotal(run, epochsTotal));
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
