using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Plots;

/// <summary>plot_run's structured result: which run, what the picture shows, and each plotted series in brief.</summary>
public sealed record PlotReport(
    string RunId,
    string DisplayName,
    string State,
    string Url,
    DateTimeOffset AsOf,
    string XAxis,
    IReadOnlyList<double> EpochBoundaries,
    IReadOnlyList<PlottedSeries> Series,
    IReadOnlyList<string> Notes,
    PlotImage? Image,
    RunIdentity? Baseline = null,
    IReadOnlyList<Namesake>? Namesakes = null);

/// <summary>
/// One series: <c>Panel</c> is training (against progress) or validation (per epoch). <c>Values</c> holds the per-epoch
/// validation values; training series give only their summary (the picture holds the rest).
/// </summary>
public sealed record PlottedSeries(
    string Key,
    string Label,
    string Panel,
    int Points,
    bool Sampled,
    int NonFinite,
    double? First,
    double? Last,
    double? Min,
    double? Max,
    double? Target,
    IReadOnlyList<double?>? Values);

/// <summary>The PNG: size in pixels and bytes, and how long it took to draw.</summary>
public sealed record PlotImage(int Width, int Height, int Bytes, double RenderMilliseconds);
