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

    /// <summary>Price of one GPU-hour in dollars (A100 default).</summary>
    public double GpuHourlyRate { get; set; } = 2.78;

    /// <summary>GPUs the run uses; cost = runtime hours x rate x count.</summary>
    public int GpuCount { get; set; } = 1;

    /// <summary>GPU name shown with the cost.</summary>
    public string GpuName { get; set; } = "A100";
}

/// <summary>One validation metric: W&amp;B key, label, target and display format.</summary>
public sealed class ValidationMetricOptions
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";

    /// <summary>Target value; null shows the metric without pass/fail.</summary>
    public double? Target { get; set; }

    /// <summary><c>above</c> (higher is better) or <c>below</c>.</summary>
    public string Goal { get; set; } = "above";

    /// <summary>Show as a percentage (value 0..1).</summary>
    public bool Percent { get; set; }
}

/// <summary>One config summary entry.</summary>
public sealed class ConfigFieldOptions
{
    public string Label { get; set; } = "";
    public List<string> Paths { get; set; } = [];
}
