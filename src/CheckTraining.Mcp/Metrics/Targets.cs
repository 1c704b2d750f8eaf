using CheckTraining.Mcp.Configuration;

namespace CheckTraining.Mcp.Metrics;

/// <summary>The profile's arithmetic, in one place: targets, cost and rounding.</summary>
internal static class Targets
{
    /// <summary>Whether a value meets its target (<c>above</c>: higher is better; <c>below</c>: lower is better); null without both.</summary>
    public static bool? Meets(string goal, double? target, double? value) =>
        target is { } t && value is { } v ? (goal == "below" ? v < t : v > t) : null;

    /// <summary>Dollars for <paramref name="hours"/> of the profile's GPUs.</summary>
    public static double? Cost(double? hours, MetricProfileOptions profile) =>
        hours is { } h ? Math.Round(h * profile.GpuHourlyRate * profile.GpuCount, 2) : null;

    /// <summary>Rounds finite values; null and non-finite values pass through.</summary>
    public static double? Round(double? value, int digits = 2) => value is { } v && double.IsFinite(v) ? Math.Round(v, digits) : value;
}
