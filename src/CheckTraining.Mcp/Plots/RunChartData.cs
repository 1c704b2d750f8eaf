namespace CheckTraining.Mcp.Plots;

/// <summary>What plot_run draws, already in chart coordinates; the renderer knows nothing else.</summary>
public sealed record RunChartData(
    string Title,
    string Subtitle,
    string XLabel,
    IReadOnlyList<double> EpochBoundaries,
    IReadOnlyList<TrainingCurve> Training,
    IReadOnlyList<ValidationCurve> Validation)
{
    /// <summary>A baseline's curves, drawn dashed beside the run's series of the same label.</summary>
    public IReadOnlyList<TrainingCurve> BaselineTraining { get; init; } = [];

    public IReadOnlyList<ValidationCurve> BaselineValidation { get; init; } = [];
}

/// <summary>A series against training progress: raw points drawn faint, the smoothed line on top.</summary>
public sealed record TrainingCurve(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double> Smoothed);

/// <summary>A validation metric per completed epoch, with its target (dashed) and whether each value meets it.</summary>
public sealed record ValidationCurve(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y, double? Target, IReadOnlyList<bool?> Meets);
