using System.Globalization;

namespace CheckTraining.Mcp.Metrics;

/// <summary>Durations as people say them: minutes up to 90, then hours, then days past 48 hours ("26 h", not "1560 min").</summary>
public static class Durations
{
    public static string Of(double? minutes)
    {
        if (minutes is not { } m || !double.IsFinite(m))
        {
            return "?";
        }

        return m switch
        {
            < 90 => $"{Math.Round(m).ToString(CultureInfo.InvariantCulture)} min",
            < 48 * 60 => $"{Math.Round(m / 60, m < 600 ? 1 : 0).ToString(CultureInfo.InvariantCulture)} h",
            _ => $"{Math.Round(m / 1440, 1).ToString(CultureInfo.InvariantCulture)} days",
        };
    }

    /// <summary>"40 min ago", "26 h ago", or "at an unknown time".</summary>
    public static string Ago(double? minutes) => minutes is null ? "at an unknown time" : Of(minutes) + " ago";
}
