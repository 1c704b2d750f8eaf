using System.Text.Json.Nodes;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Rendering;

namespace CheckTraining.Mcp.Tests.Metrics;

/// <summary>Fast checks of the grouping rule and the small helpers around it; the logging styles end to end are in LoggingStyleTests.</summary>
public sealed class ValidationPassesTests
{
    private static SortedDictionary<long, JsonObject> Rows(params (long Step, JsonObject Row)[] rows) => new(rows.ToDictionary(r => r.Step, r => r.Row));

    [Fact]
    public void Consecutive_calls_with_no_training_row_between_are_one_pass()
    {
        var rows = Rows(
            (100, new JsonObject { ["epoch"] = 1, ["val/acc"] = 0.5 }), (101, new JsonObject { ["val/loss"] = 0.9 }),
            (200, new JsonObject { ["epoch"] = 2, ["val/acc"] = 0.6 }), (201, new JsonObject { ["val/loss"] = 0.8 }));
        var passes = ValidationPasses.Group(rows, ["val/acc", "val/loss"], "epoch", [50, 150, 199], [(50, 1), (150, 2)]);

        Assert.Equal([1.0, 2.0], passes.Select(p => p.Epoch!.Value));
        Assert.Equal([2, 2], passes.Select(p => p.Rows.Count));
        Assert.Equal(0.8, passes[1].Latest("val/loss"));
    }

    [Fact]
    public void A_pass_without_its_own_epoch_takes_the_last_epoch_logged_before_it()
    {
        var rows = Rows((100, new JsonObject { ["val/acc"] = 0.5 }), (300, new JsonObject { ["val/acc"] = 0.6 }));
        var passes = ValidationPasses.Group(rows, ["val/acc"], "epoch", [10, 200], [(10, 0), (200, 1)]);

        Assert.Equal([0.0, 1.0], passes.Select(p => p.Epoch!.Value));
    }

    [Fact]
    public void Without_any_training_marker_a_repeated_metric_still_starts_a_new_pass()
    {
        var rows = Rows((1, new JsonObject { ["val/acc"] = 0.5 }), (2, new JsonObject { ["val/acc"] = 0.6 }));
        var passes = ValidationPasses.Group(rows, ["val/acc"], "epoch", [], []);

        Assert.Equal(2, passes.Count);
        Assert.All(passes, p => Assert.Null(p.Epoch));
    }

    [Theory]
    [InlineData("val_loss/total", "below")]
    [InlineData("val_metric/position_mae", "below")]
    [InlineData("val/error_rate", "below")]
    [InlineData("val_metric/action_change_acc", "above")]
    [InlineData("val/f1", "above")]
    [InlineData("val/throughput", null)]
    [InlineData("val/loss_acc_ratio", null)]
    public void A_direction_is_inferred_only_where_the_name_makes_it_plain(string key, string? goal) =>
        Assert.Equal(goal, MetricGoals.Infer(key));

    [Fact]
    public void Sparklines_span_the_blocks_and_fit_the_width()
    {
        var line = Sparklines.Render(Enumerable.Range(0, 1000).Select(i => 1.0 / (1 + i)).Reverse().ToList());
        Assert.Equal(24, line!.Length);
        Assert.Equal('▁', line[0]);
        Assert.Equal('█', line[^1]);
        Assert.Null(Sparklines.Render([double.NaN]));
    }

    [Fact]
    public void Trend_words_are_given_only_where_the_curve_is_clear()
    {
        LossPoint[] Points(Func<int, double> f) => Enumerable.Range(0, 200).Select(i => new LossPoint(i, f(i), 1 + i / 50)).ToArray();

        Assert.Equal("falling", TrendWords.Describe(Points(i => 1.0 - i / 200.0)));
        Assert.Equal("falling, flat for the last ~10%", TrendWords.Describe(Points(i => i < 150 ? 1.0 - i / 150.0 : 0.0)));
        Assert.Equal("rising since epoch 2", TrendWords.Describe(Points(i => i < 60 ? 1.0 - i / 60.0 : (i - 60) / 100.0)));
        Assert.Equal("flat", TrendWords.Describe(Points(_ => 0.5)));
        Assert.Null(TrendWords.Describe(Points(i => i)[..10]));
    }
}
