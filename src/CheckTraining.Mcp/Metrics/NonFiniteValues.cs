using System.Globalization;

namespace CheckTraining.Mcp.Metrics;

/// <summary>Turns NaN/Infinity into null for the structured result, remembering which keys held them.</summary>
internal sealed class NonFiniteValues
{
    private readonly List<string> _keys = [];

    public IReadOnlyList<string> Keys => _keys;

    public double? Check(string key, double? value)
    {
        if (value is { } v && !double.IsFinite(v))
        {
            _keys.Add($"{key}={(double.IsNaN(v) ? "NaN" : v.ToString(CultureInfo.InvariantCulture))}");
            return null;
        }

        return value;
    }
}
