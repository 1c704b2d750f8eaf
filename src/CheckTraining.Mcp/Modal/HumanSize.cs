using System.Globalization;

namespace CheckTraining.Mcp.Modal;

/// <summary>
/// Sizes as <c>modal volume ls</c> prints them: "512 B" exactly, else one decimal and an IEC unit ("1.4 GiB").
/// The rounding is kept as a tolerance so a download can be checked against the listing.
/// </summary>
public readonly record struct HumanSize(long Bytes, long Tolerance)
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    public static HumanSize? Parse(string? text)
    {
        var parts = text?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 2 } || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
        {
            return null;
        }

        var power = Array.FindIndex(Units, u => u.Equals(parts[1], StringComparison.OrdinalIgnoreCase));
        if (power < 0)
        {
            return null;
        }

        var unit = Math.Pow(1024, power);
        return new HumanSize((long)Math.Round(number * unit), power == 0 ? 0 : (long)Math.Ceiling(unit * 0.05));
    }

    public bool Matches(long actualBytes) => Math.Abs(actualBytes - Bytes) <= Tolerance;
}
