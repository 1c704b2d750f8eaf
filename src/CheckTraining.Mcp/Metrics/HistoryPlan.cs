using System.Text.Json.Nodes;
using CheckTraining.Mcp.Configuration;

namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// Plans the one <c>sampledHistory</c> request a report needs. W&amp;B returns only rows holding every key of a spec, so
/// each series gets its own spec and the caller joins them on <c>_step</c>:
/// the validation metrics (one spec each, the first with the run times), the epoch logged with the first metric, the
/// epoch over the whole run (which separates validation passes), and the batch loss (the curve and its trend), with its
/// newest rows read in full beside the sampled curve.
/// W&amp;B down-samples a spec with more matching rows than its <c>samples</c> and keeps no end row for sure
/// (wandb/wandb#5694), so a series is sampled only where its length is known (the run's own history keys); a series of
/// another run is read at <see cref="MaxSamples"/> (<see cref="ForOtherRun"/>).
/// </summary>
internal sealed class HistoryPlan
{
    /// <summary>Points fetched per series at most; a longer series is sampled by W&amp;B, and the report says so.</summary>
    public const int MaxSamples = 1000;

    /// <summary>Extra (unconfigured) val* keys shown at most, so the request and the report stay small.</summary>
    public const int MaxExtraMetrics = 4;

    private static readonly string[] TimeKeys = ["_runtime", "_timestamp"];

    /// <summary>
    /// Steps at the end of the run whose loss rows are read in full when the curve is sampled: a spike over the last few
    /// thousand steps of a long run would otherwise fall between samples. A window of steps holds at most as many rows
    /// (one row per step), so asking for as many samples as steps is never down-sampled.
    /// </summary>
    public const int LossTailSteps = 1000;

    private HistoryPlan(IReadOnlyList<ValidationMetricOptions> metrics, IReadOnlyList<JsonObject> specs, IReadOnlyList<int> metricSpecs,
        int? validationEpochSpec, int? epochSpec, int? lossSpec, bool validationSampled, bool lossSampled, IReadOnlyDictionary<string, int> extraSpecs,
        int? lossTailSpec = null, MetricProfileOptions? profile = null, string? stepKey = null, int? validationStepSpec = null)
    {
        Profile = profile ?? new MetricProfileOptions();
        StepKey = stepKey;
        ValidationStepSpec = validationStepSpec;
        LossTailSpec = lossTailSpec;
        ExtraSpecs = extraSpecs;
        Metrics = metrics;
        Specs = specs;
        MetricSpecs = metricSpecs;
        ValidationEpochSpec = validationEpochSpec;
        EpochSpec = epochSpec;
        LossSpec = lossSpec;
        ValidationSampled = validationSampled;
        LossSampled = lossSampled;
    }

    public IReadOnlyList<ValidationMetricOptions> Metrics { get; }

    /// <summary>The profile with this run's own keys (<see cref="RunKeys.For"/>): what every reading of the plan's rows uses.</summary>
    public MetricProfileOptions Profile { get; }

    /// <summary>The trainer step key the run logs (passes and progress are counted in it), if any.</summary>
    public string? StepKey { get; }

    /// <summary>The trainer step on rows that also hold the first metric.</summary>
    public int? ValidationStepSpec { get; }

    public IReadOnlyList<JsonObject> Specs { get; }

    /// <summary>The spec of each metric; the first metric's spec also carries the run times.</summary>
    public IReadOnlyList<int> MetricSpecs { get; }

    /// <summary>Epoch on rows that also hold the first metric: exists only where both were logged in one call.</summary>
    public int? ValidationEpochSpec { get; }

    /// <summary>Every row with an epoch (sampled): the training rows that separate validation passes.</summary>
    public int? EpochSpec { get; }

    public int? LossSpec { get; }

    /// <summary>The loss over the newest <see cref="LossTailSteps"/> steps, every row (only when the curve is sampled).</summary>
    public int? LossTailSpec { get; }

    public bool ValidationSampled { get; }

    public bool LossSampled { get; }

    /// <summary>Other series a caller asked for (plot_run's metrics), by key: one spec each, in the same request.</summary>
    public IReadOnlyDictionary<string, int> ExtraSpecs { get; }

    /// <summary>Configured metrics the run logged, then other val* keys it has (categories excluded: they come from the summary).</summary>
    /// <param name="profile">Which keys mean what.</param>
    /// <param name="counts">The run's history keys and their row counts.</param>
    /// <param name="extraKeys">More series to read in the same request (keys the run never logged are left out).</param>
    /// <param name="missing">Configured validation metrics the run never logged.</param>
    /// <param name="lastStep">The run's newest step (historyKeys' lastStep), which places the loss tail; none: no tail.</param>
    public static HistoryPlan Create(MetricProfileOptions profile, IReadOnlyDictionary<string, long> counts, IEnumerable<string> extraKeys,
        out IReadOnlyList<string> missing, long? lastStep = null)
    {
        profile = RunKeys.For(profile, counts);
        var stepKey = RunKeys.StepKey(counts);
        var configured = profile.Validation.Where(m => counts.ContainsKey(m.Key)).ToList();
        missing = profile.Validation.Where(m => !counts.ContainsKey(m.Key)).Select(m => m.Key).ToList();
        var extras = counts.Keys
            .Where(k => RunKeys.IsValidationKey(k)
                && !k.StartsWith(profile.CategoryPrefix, StringComparison.Ordinal)
                && profile.Validation.All(m => m.Key != k))
            .Order(StringComparer.Ordinal)
            .Take(MaxExtraMetrics)
            .Select(k => new ValidationMetricOptions { Key = k, Label = k, Goal = MetricGoals.Infer(k) });
        var metrics = configured.Concat(extras).ToList();

        var specs = new List<JsonObject>();
        var metricSpecs = new List<int>();
        int? validationEpoch = null, validationStep = null, epoch = null, loss = null;
        var validationSampled = false;
        if (metrics.Count > 0)
        {
            var maxCount = metrics.Max(m => counts[m.Key]);
            var samples = Samples(maxCount);
            validationSampled = maxCount > MaxSamples;
            var first = metrics[0].Key;
            metricSpecs.Add(Add(specs, samples, ["_step", .. TimeKeys.Where(counts.ContainsKey), first]));
            metricSpecs.AddRange(metrics.Skip(1).Select(m => Add(specs, samples, ["_step", m.Key])));
            if (counts.ContainsKey(profile.EpochKey))
            {
                validationEpoch = Add(specs, samples, ["_step", profile.EpochKey, first]);
            }

            if (stepKey is not null)
            {
                validationStep = Add(specs, samples, ["_step", stepKey, first]);
            }
        }

        if (metrics.Count > 0 && counts.TryGetValue(profile.EpochKey, out var epochCount))
        {
            epoch = Add(specs, Samples(epochCount), ["_step", profile.EpochKey]);
        }

        var lossCount = counts.GetValueOrDefault(profile.BatchLossKey);
        int? lossTail = null;
        if (lossCount > 0)
        {
            // With its times, so a divergence can say when it began and a resume shows as a gap in wall time but not in run time.
            string[] lossKeys = ["_step", .. TimeKeys.Where(counts.ContainsKey), profile.BatchLossKey];
            loss = Add(specs, Samples(lossCount), lossKeys);
            if (lossCount > MaxSamples && lastStep is { } last)
            {
                // minStep is inclusive in a spec (wandb-api.md §7.3): the window is the newest LossTailSteps steps.
                lossTail = Add(specs, LossTailSteps, lossKeys);
                specs[lossTail.Value]["minStep"] = Math.Max(0, last - LossTailSteps + 1);
            }
        }

        var extraSpecs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in extraKeys.Distinct(StringComparer.Ordinal).Where(k => counts.ContainsKey(k) && k != profile.BatchLossKey
                     && metrics.All(m => m.Key != k)))
        {
            extraSpecs[key] = Add(specs, Samples(counts[key]), ["_step", key]);
        }

        return new HistoryPlan(metrics, specs, metricSpecs, validationEpoch, epoch, loss, validationSampled, lossCount > MaxSamples, extraSpecs, lossTail,
            profile, stepKey, validationStep);
    }

    /// <summary>
    /// The same series for another run (a baseline), whose lengths are unknown when the request is planned: every spec
    /// asks for <see cref="MaxSamples"/>, so a short series (validation) comes back whole, and the loss tail (placed by
    /// this run's steps) is left out. Without <paramref name="withTraining"/> only validation and epochs are read.
    /// A loss curve of unknown length is reported as sampled: it may be.
    /// </summary>
    public HistoryPlan ForOtherRun(bool withTraining)
    {
        var specs = new List<JsonObject>();
        int? Copy(int? index, bool keep = true)
        {
            if (index is not { } i || !keep)
            {
                return null;
            }

            var copy = (JsonObject)Specs[i].DeepClone();
            copy["samples"] = MaxSamples;
            specs.Add(copy);
            return specs.Count - 1;
        }

        var metricSpecs = MetricSpecs.Select(i => Copy(i)!.Value).ToList();
        var validationEpoch = Copy(ValidationEpochSpec);
        var validationStep = Copy(ValidationStepSpec);
        var epoch = Copy(EpochSpec);
        var loss = Copy(LossSpec, withTraining);
        var extras = withTraining ? ExtraSpecs.ToDictionary(e => e.Key, e => Copy(e.Value)!.Value, StringComparer.Ordinal) : [];
        return new HistoryPlan(Metrics, specs, metricSpecs, validationEpoch, epoch, loss, false, loss is not null, extras, null, Profile, StepKey,
            validationStep);
    }

    private static int Samples(long count) => (int)Math.Clamp(count, 1, MaxSamples);

    private static int Add(List<JsonObject> specs, int samples, string[] keys)
    {
        specs.Add(new JsonObject
        {
            ["keys"] = new JsonArray(keys.Select(k => (JsonNode)k).ToArray()),
            ["samples"] = samples,
        });
        return specs.Count - 1;
    }
}
