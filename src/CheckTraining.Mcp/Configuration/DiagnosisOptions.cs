namespace CheckTraining.Mcp.Configuration;

/// <summary>How a run's GPU use and console are read and judged (section <c>Diagnosis</c>).</summary>
public sealed class DiagnosisOptions
{
    public const string Section = "Diagnosis";

    /// <summary>A running run whose GPUs average below this over the recent window is idle (hung, if nothing is logged either).</summary>
    public double GpuIdlePercent { get; set; } = 10;

    /// <summary>Fresh logs but GPUs below this over <see cref="UnderUsedWindowMinutes"/>: possibly input-bound.</summary>
    public double GpuUnderUsedPercent { get; set; } = 50;

    public double UnderUsedWindowMinutes { get; set; } = 30;

    /// <summary>The "recent" window for GPU use, in minutes.</summary>
    public double RecentWindowMinutes { get; set; } = 10;

    /// <summary>GPU memory allocated at or above this percentage is close to out of memory.</summary>
    public double GpuMemoryHighPercent { get; set; } = 97;

    /// <summary>System-metrics rows sampled over the whole run (each ~15 s of the run; the newest rows come in full beside them).</summary>
    public int EventSamples { get; set; } = 200;

    /// <summary>Console lines check_training reads to name a crash's error.</summary>
    public int ConsoleTailLines { get; set; } = 60;
}
