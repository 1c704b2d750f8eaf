namespace CheckTraining.Mcp.Configuration;

/// <summary>
/// Which W&amp;B keys mean what, section <c>Metrics</c>. Defaults are the seed skill's names; every one can be overridden.
/// List defaults are filled in by <see cref="MetricProfileDefaults"/> only when configuration gives none, because the
/// configuration binder appends to pre-filled lists instead of replacing them.
/// </summary>
public sealed class MetricProfileOptions
{
    public const string Section = "Metrics";

    public string EpochKey { get; set; } = "epoch";
    public string BatchStepKey { get; set; } = "batch/step";
    public string BatchPctKey { get; set; } = "batch/pct";
    public string BatchLossKey { get; set; } = "batch/loss";

    /// <summary>Config path of the planned epoch count.</summary>
    public string EpochsConfigKey { get; set; } = "epochs";

    /// <summary>Validation metrics shown per epoch against targets.</summary>
    public List<ValidationMetricOptions> Validation { get; set; } = [];

    /// <summary>Summary key prefix of per-category accuracies.</summary>
    public string CategoryPrefix { get; set; } = "val_action/cat_";

    /// <summary>Categories below this accuracy are flagged.</summary>
    public double CategoryFlagBelow { get; set; } = 0.93;

    /// <summary>Config summary entries; each takes the first of its dot-paths that the run has.</summary>
    public List<ConfigFieldOptions> Config { get; set; } = [];

    /// <summary>A running run with no log or heartbeat for longer than this is stale.</summary>
    public double StaleAfterMinutes { get; set; } = 10;

    /// <summary>
    /// Dollars per GPU-hour by GPU model, matched against a token of the GPU name W&amp;B reports for the run (e.g.
    /// "NVIDIA H100 80GB HBM3" matches H100). Cost = runtime hours x rate x GPU count. Env
    /// <c>CHECKTRAINING_Metrics__GpuRates__H100=3.95</c> overrides one rate and keeps the others.
    /// </summary>
    public Dictionary<string, double> GpuRates { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // A100 is the seed skill's figure; the others are Modal's list prices when this was written. Check and override.
        ["B200"] = 6.25,
        ["H200"] = 4.54,
        ["H100"] = 3.95,
        ["A100"] = 2.78,
        ["L40S"] = 1.95,
        ["A10G"] = 1.10,
        ["A10"] = 1.10,
        ["L4"] = 0.80,
        ["T4"] = 0.59,
    };

    /// <summary>Dollars per GPU-hour for a GPU the table does not know, or a run that reported none. Default 2.78 (A100).</summary>
    public double FallbackGpuRate { get; set; } = 2.78;

    /// <summary>GPU count assumed when W&amp;B does not report one. Default 1.</summary>
    public int DefaultGpuCount { get; set; } = 1;
}

/// <summary>One validation metric: W&amp;B key, label, target and display format.</summary>
public sealed class ValidationMetricOptions
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";

    /// <summary>Target value; null shows the metric without pass/fail.</summary>
    public double? Target { get; set; }

    /// <summary><c>above</c> (higher is better) or <c>below</c>; unset: inferred from the name where it is plain (loss, mae, error: below).</summary>
    public string? Goal { get; set; }

    /// <summary>Show as a percentage (value 0..1).</summary>
    public bool Percent { get; set; }
}

/// <summary>One config summary entry.</summary>
public sealed class ConfigFieldOptions
{
    public string Label { get; set; } = "";
    public List<string> Paths { get; set; } = [];
}
