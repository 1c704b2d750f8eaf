using System.Globalization;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Rendering;

/// <summary>Number formatting shared by the markdown renderers (invariant culture, explicit NaN).</summary>
internal static class Format
{
    /// <summary>An epoch as its value: 3, 1.25 or 0.5 (a float epoch to two places, the way HF Trainer logs it).</summary>
    public static string Epoch(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.##", CultureInfo.InvariantCulture) : Value(value);

    public static string Value(double? value, bool percent = false) => value switch
    {
        null => "—",
        { } v when double.IsNaN(v) => "NaN",
        { } v when double.IsInfinity(v) => v > 0 ? "inf" : "-inf",
        { } v when percent => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        { } v when Math.Abs(v) >= 1000 || v == Math.Round(v) => v.ToString("0.##", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.000", CultureInfo.InvariantCulture),
    };

    /// <summary>A value that is already in percent points (e.g. batch/pct = 26.5).</summary>
    public static string Points(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.0", CultureInfo.InvariantCulture) : Value(value);

    /// <summary>Four significant digits, for losses.</summary>
    public static string Loss(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : Value(value);

    public static string Hours(double? hours) => hours is { } h ? h.ToString("0.0", CultureInfo.InvariantCulture) + "h" : "?";

    public static string Money(double? dollars) => dollars is { } d ? "$" + d.ToString("0.00", CultureInfo.InvariantCulture) : "?";

    public static string Time(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "?";

    /// <summary>What a cost was priced at, e.g. "2× H100 at $3.95/h" or "1× unknown GPU at the fallback $2.78/h".</summary>
    public static string Priced(GpuPrice p) =>
        $"{p.Count}× {p.Gpu} at {(p.Fallback ? "the fallback " : "")}{Money(p.HourlyRate)}/h";

    /// <summary>When the data was read, e.g. "as of 14:02:07 UTC".</summary>
    public static string AsOf(DateTimeOffset t) => "as of " + t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>✓ or ✗ against a target, or nothing without one.</summary>
    public static string Mark(bool? meets) => meets switch
    {
        true => " ✓",
        false => " ✗",
        null => "",
    };

    public static string Target(double? target, string? goal, bool percent) =>
        target is not { } t ? "" : (goal switch { "below" => "<", "above" => ">", _ => "" }) + (percent
            ? (t * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%"
            : t.ToString("0.###", CultureInfo.InvariantCulture));
}
