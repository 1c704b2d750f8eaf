using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.RunShapes;

namespace CheckTraining.Mcp.Tests.Shapes;

/// <summary>The loss shapes' truths (<see cref="Spike"/>, <see cref="Diverged"/>), asserted through a real MCP client.</summary>
public sealed class LossShapeTests(RunShapesServer fx) : IClassFixture<RunShapesServer>
{
    [Fact]
    public async Task A_late_spike_is_flagged_on_the_verdict_line_and_never_called_falling()
    {
        var result = await fx.Server.CallAsync("check_training", new() { ["run"] = Spike.Id });
        var r = result.Structured();
        var verdict = r.GetProperty("verdict");
        Assert.Equal("healthy", verdict.GetProperty("code").GetString());
        Assert.True(verdict.GetProperty("needsAttention").GetBoolean());
        Assert.Contains("Loss spiking: the last value 0.9 is 9× the recent minimum 0.1", verdict.GetProperty("summary").GetString());
        Assert.Equal(Spike.AppId, r.GetProperty("app").GetProperty("app").GetProperty("appId").GetString());
        var trend = r.GetProperty("run").GetProperty("loss").GetProperty("trend").GetString()!;
        Assert.DoesNotContain("falling", trend);
        Assert.DoesNotContain("falling", result.Text());
    }

    [Fact]
    public async Task A_NaN_run_is_diverged_its_trend_is_not_falling_and_progress_shows_NaN()
    {
        var result = await fx.Server.CallAsync("check_training", new() { ["run"] = Diverged.Id });
        var r = result.Structured();
        Assert.Equal("diverged", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Equal(Diverged.AppId, r.GetProperty("app").GetProperty("app").GetProperty("appId").GetString());
        var text = result.Text();
        Assert.DoesNotContain("falling", text);
        Assert.Contains("batch loss NaN", text);
        Assert.Equal("non-finite at the last log", r.GetProperty("run").GetProperty("loss").GetProperty("trend").GetString());
    }
}
