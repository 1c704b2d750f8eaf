using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Json;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// The keys one run logs, where it differs from the profile: a Hugging Face Trainer run (WandbCallback) logs
/// <c>train/epoch</c>, <c>train/loss</c> and <c>eval/*</c> instead of the profile's names, and a run validating every N
/// steps counts them in a trainer step key. A configured key the run logs always wins.
/// </summary>
internal static class RunKeys
{
    /// <summary>Trainer step keys, in order of preference (HF: train/global_step; Lightning-style: trainer/global_step).</summary>
    public static readonly string[] StepKeys = ["trainer/global_step", "train/global_step", "global_step"];

    /// <summary>Config keys that give the planned total of steps, in order of preference.</summary>
    public static readonly string[] TotalStepsConfigKeys = ["max_steps", "total_steps", "num_train_steps"];

    public const string StepsPerEpochConfigKey = "steps_per_epoch";

    /// <summary>HF TrainingArguments' planned epochs, read when the profile's epochs key is absent.</summary>
    public const string HfEpochsConfigKey = "num_train_epochs";

    /// <summary>Every config key progress may read (requested with the run).</summary>
    public static IEnumerable<string> ConfigKeys => [.. TotalStepsConfigKeys, StepsPerEpochConfigKey, HfEpochsConfigKey];

    /// <summary>The profile with the run's own key where it logs none of the configured one.</summary>
    public static MetricProfileOptions For(MetricProfileOptions profile, IReadOnlyDictionary<string, long> counts)
    {
        string Pick(string configured, string fallback) => !counts.ContainsKey(configured) && counts.ContainsKey(fallback) ? fallback : configured;

        var epochKey = Pick(profile.EpochKey, "train/epoch");
        var lossKey = Pick(profile.BatchLossKey, "train/loss");
        if (epochKey == profile.EpochKey && lossKey == profile.BatchLossKey)
        {
            return profile;
        }

        return new MetricProfileOptions
        {
            EpochKey = epochKey, BatchStepKey = profile.BatchStepKey, BatchPctKey = profile.BatchPctKey, BatchLossKey = lossKey,
            EpochsConfigKey = profile.EpochsConfigKey, Validation = profile.Validation, CategoryPrefix = profile.CategoryPrefix,
            CategoryFlagBelow = profile.CategoryFlagBelow, Config = profile.Config, StaleAfterMinutes = profile.StaleAfterMinutes,
            GpuRates = profile.GpuRates, FallbackGpuRate = profile.FallbackGpuRate, DefaultGpuCount = profile.DefaultGpuCount,
        };
    }

    /// <summary>The trainer step key the run logs, if any.</summary>
    public static string? StepKey(IReadOnlyDictionary<string, long> counts) => StepKeys.FirstOrDefault(counts.ContainsKey);

    /// <summary>Whether a key is a validation metric beyond the profile's: val* keys, and eval/* keys but HF's timings.</summary>
    public static bool IsValidationKey(string key) =>
        key.StartsWith("val", StringComparison.OrdinalIgnoreCase)
        || (key.StartsWith("eval/", StringComparison.Ordinal) && !key.EndsWith("runtime", StringComparison.Ordinal)
            && !key.EndsWith("per_second", StringComparison.Ordinal) && key != "eval/epoch");

    /// <summary>The planned epochs: the profile's key, else HF's num_train_epochs.</summary>
    public static double? EpochsTotal(WandbRun run, MetricProfileOptions profile) =>
        Positive(run.ConfigValue(profile.EpochsConfigKey)) ?? Positive(run.ConfigValue(HfEpochsConfigKey));

    /// <summary>The planned steps: max_steps, total_steps or num_train_steps, else epochs × steps_per_epoch (HF's max_steps −1 means none).</summary>
    public static double? StepsTotal(WandbRun run, double? epochsTotal)
    {
        foreach (var key in TotalStepsConfigKeys)
        {
            if (Positive(run.ConfigValue(key)) is { } total)
            {
                return total;
            }
        }

        return Positive(run.ConfigValue(StepsPerEpochConfigKey)) is { } perEpoch && epochsTotal is { } epochs ? perEpoch * epochs : null;
    }

    private static double? Positive(System.Text.Json.Nodes.JsonNode? node) => JsonValues.AsDouble(node) is { } v && v > 0 && double.IsFinite(v) ? v : null;
}
