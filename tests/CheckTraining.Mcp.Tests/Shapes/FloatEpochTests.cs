using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.RunShapes;

namespace CheckTraining.Mcp.Tests.Shapes;

/// <summary>The Hugging Face Trainer shape's truth (<see cref="HfTrainer"/>): a float epoch, asserted through a real MCP client.</summary>
public sealed class FloatEpochTests(RunShapesServer fx) : IClassFixture<RunShapesServer>
{
    [Fact]
    public async Task Passes_sit_at_their_epoch_value_and_only_whole_epochs_count_as_complete()
    {
        var result = await fx.Server.CallAsync("get_run_metrics", new() { ["run"] = HfTrainer.Id });
        var validation = result.Structured().GetProperty("validation");
        Assert.Equal("epochValue", validation.GetProperty("passesBy").GetString());
        Assert.Equal(HfTrainer.EpochsComplete, validation.GetProperty("epochsComplete").GetDouble());
        var epochs = validation.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetDouble()).ToArray();
        Assert.Equal(HfTrainer.PassEpochs, epochs);
        Assert.Contains(validation.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("key").GetString() == "eval/loss");
        Assert.DoesNotContain(validation.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("key").GetString() is "eval/runtime" or "eval/samples_per_second");

        var text = result.Text();
        Assert.Contains($"{HfTrainer.PassEpochs.Length} validation pass(es), 1 epoch(s) complete", text);
        Assert.Contains("| Epoch 0.25 (", text);
        Assert.Contains("| Epoch 1.25 (", text);
        Assert.Contains("Epoch 1.25/3, step 500", text);
        // The config line reads the Trainer's own names, so it never says epochs=? beside "Epoch 1.25/3".
        Assert.Contains("epochs=3", text);
        Assert.DoesNotContain("config.epochs", text);
    }

    [Fact]
    public async Task The_ETA_comes_from_the_epoch_value()
    {
        var r = (await fx.Server.CallAsync("check_training", new() { ["run"] = HfTrainer.Id })).Structured();
        Assert.Equal("healthy", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Equal(HfTrainer.AppId, r.GetProperty("app").GetProperty("app").GetProperty("appId").GetString());
        var run = r.GetProperty("run");
        Assert.Equal(HfTrainer.CurrentEpoch, run.GetProperty("progress").GetProperty("epoch").GetDouble());
        Assert.Equal(HfTrainer.Epochs, run.GetProperty("progress").GetProperty("epochsTotal").GetDouble());
        var wall = run.GetProperty("wallTime");
        Assert.Equal(HfTrainer.EpochHours, wall.GetProperty("averageEpochHours").GetDouble(), HfTrainer.EpochHours * 0.1);
        Assert.Equal(HfTrainer.RemainingHours, wall.GetProperty("remainingHours").GetDouble(), HfTrainer.RemainingHours * 0.1);
        Assert.Equal(HfTrainer.RuntimeHours + HfTrainer.RemainingHours, wall.GetProperty("projectedTotalHours").GetDouble(), 0.6);
    }

    [Fact]
    public async Task Plot_runs_x_axis_is_the_epoch_value_with_a_boundary_at_each_whole_epoch()
    {
        var r = (await fx.Server.CallAsync("plot_run", new() { ["run"] = HfTrainer.Id })).Structured();
        Assert.Equal("epochs", r.GetProperty("xAxis").GetString());
        // A segment per logged epoch value would put 124 boundaries here (0.01, 0.02, …): one whole epoch has passed.
        Assert.Equal([1.0], r.GetProperty("epochBoundaries").EnumerateArray().Select(b => b.GetDouble()).ToArray());
    }
}
