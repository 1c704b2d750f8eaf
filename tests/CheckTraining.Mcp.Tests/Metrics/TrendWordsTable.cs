using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Tests.Metrics;

/// <summary>The loss trend's words, one row per curve shape; null means the curve claims nothing.</summary>
public sealed class TrendWordsTable
{
    public static TheoryData<string, Func<int, double>, bool, string?> Curves => new()
    {
        { "a steady fall", i => 2.0 - (i / 1000.0), false, "falling" },
        { "a fall that slows to a crawl", i => 2.0 / (1 + (i / 50.0)), false, "falling, flat for the last ~10%" },
        { "a fall that levels off", i => Math.Max(0.5, 2.0 - (i / 100.0)), false, "falling, flat for the last ~10%" },
        { "flat", _ => 0.7, false, "flat" },
        { "flat within 1 % noise", i => 0.7 + (i % 2 * 0.001), false, "flat" },
        { "a plateau, then a late spike (×9)", i => i < 950 ? 0.3 : 2.7, false, "rising over the last ~5%" },
        { "a late spike, by epoch", i => i < 950 ? 0.3 : 2.7, true, "rising since epoch 9" },
        { "a rise from the start", i => 0.3 + (i / 100.0), false, "rising over the last ~95%" },
        { "a fall, then a rise over the last third", i => i < 660 ? 2.0 - (i / 500.0) : 0.68 + ((i - 660) / 300.0), false, "rising over the last ~30%" },
        { "noise around a level", i => 0.5 + (i % 7 == 0 ? 0.2 : 0), false, "flat" },
        { "a fall with the last bucket up a little (noise)", i => i < 950 ? 2.0 - (i / 1000.0) : 1.1, false, "falling, flat for the last ~10%" },
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Describes_only_what_the_curve_makes_clear(string shape, Func<int, double> loss, bool epochs, string? expected)
    {
        var points = Enumerable.Range(0, 1000).Select(i => new LossPoint(i, loss(i), epochs ? i / 100.0 : null)).ToList();
        Assert.True(expected == TrendWords.Describe(points), $"{shape}: expected '{expected}', got '{TrendWords.Describe(points)}'");
    }

    [Fact]
    public void Too_few_points_claim_nothing() =>
        Assert.Null(TrendWords.Describe(Enumerable.Range(0, 19).Select(i => new LossPoint(i, 2.0 - i, null)).ToList()));

    [Fact]
    public void A_late_spike_is_never_falling()
    {
        // The seed's spike shape: a long fall to a plateau, then the loss ×9 over the last 2 %.
        var points = Enumerable.Range(0, 2000).Select(i => new LossPoint(i, i < 1960 ? Math.Max(0.3, 3.0 - (i / 300.0)) : 2.7, null)).ToList();
        Assert.Equal("rising at the end", TrendWords.Describe(points));
    }
}
