using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.RunShapes;

namespace CheckTraining.Mcp.Tests.Shapes;

/// <summary>The resumed shape's truth (<see cref="Resumed"/>), asserted through a real MCP client.</summary>
public sealed class ResumedRunTests(RunShapesServer fx) : IClassFixture<RunShapesServer>
{
    [Fact]
    public async Task A_resumed_run_is_matched_to_the_live_app_of_its_latest_resume_and_is_healthy()
    {
        var result = await fx.Server.CallAsync("check_training", new() { ["run"] = Resumed.Id });
        var r = result.Structured();
        var verdict = r.GetProperty("verdict");
        Assert.Equal("healthy", verdict.GetProperty("code").GetString());
        var summary = verdict.GetProperty("summary").GetString()!;
        Assert.StartsWith("Healthy: running (resumed 31 min ago after 2.", summary);
        Assert.Contains(Resumed.NewAppId, summary);
        Assert.Equal(Resumed.NewAppId, r.GetProperty("app").GetProperty("app").GetProperty("appId").GetString());
        Assert.Contains("the run's latest resume", r.GetProperty("app").GetProperty("matchedBy").GetString());
        Assert.DoesNotContain("container", summary, StringComparison.OrdinalIgnoreCase);

        var run = r.GetProperty("run");
        var resume = run.GetProperty("resume");
        Assert.Equal(Resumed.ResumedMinutesAgo, resume.GetProperty("minutesAgo").GetDouble(), 1.5);
        Assert.True(resume.GetProperty("marked").GetBoolean());
        Assert.Equal(Resumed.RuntimeHours, run.GetProperty("runtimeHours").GetDouble(), 2);
        Assert.Contains("Resumed 31 min ago", result.Text());
    }

    [Fact]
    public async Task A_resumed_run_counts_the_work_lost_in_its_crash_as_remaining()
    {
        var r = (await fx.Server.CallAsync("get_run_metrics", new() { ["run"] = Resumed.Id })).Structured();
        Assert.Equal(Resumed.EpochsComplete, r.GetProperty("validation").GetProperty("epochs").GetArrayLength());
        var wall = r.GetProperty("wallTime");
        Assert.Equal(Resumed.RemainingHours, wall.GetProperty("remainingHours").GetDouble(), Resumed.RemainingHours * 0.1);
        Assert.Equal(Resumed.RuntimeHours + Resumed.RemainingHours, wall.GetProperty("projectedTotalHours").GetDouble(), 0.72);
        var cost = r.GetProperty("cost");
        Assert.True(cost.GetProperty("projectedTotal").GetDouble() >= cost.GetProperty("soFar").GetDouble());
    }
}
