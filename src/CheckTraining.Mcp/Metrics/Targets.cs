namespace CheckTraining.Mcp.Metrics;

/// <summary>The profile's arithmetic, in one place: targets and rounding (cost is <see cref="GpuPricing"/>).</summary>
internal static class Targets
{
    /// <summary>Whether a value meets its target (<c>above</c>: higher is better; <c>below</c>: lower is better); null without a target or a direction.</summary>
    public static bool? Meets(string? goal, double? target, double? value) =>
        target is { } t && value is { } v && goal is "above" or "below" ? (goal == "below" ? v < t : v > t) : null;

    /// <summary>Rounds finite values; null and non-finite values pass through.</summary>
    public static double? Round(double? value, int digits = 2) => value is { } v && double.IsFinite(v) ? Math.Round(v, digits) : value;
}
