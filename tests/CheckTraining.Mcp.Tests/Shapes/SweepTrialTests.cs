using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.RunShapes;

namespace CheckTraining.Mcp.Tests.Shapes;

/// <summary>The sweep shape's truth (<see cref="Sweep"/>), asserted through a real MCP client.</summary>
public sealed class SweepTrialTests(RunShapesServer fx) : IClassFixture<RunShapesServer>
{
    [Fact]
    public async Task A_crashed_trial_whose_app_runs_its_siblings_is_crashed_and_never_told_to_stop_the_app()
    {
        var result = await fx.Server.CallAsync("check_training", new() { ["run"] = Sweep.CrashedId });
        var r = result.Structured();
        var verdict = r.GetProperty("verdict");
        Assert.Equal("crashed", verdict.GetProperty("code").GetString());
        var summary = verdict.GetProperty("summary").GetString()!;
        Assert.StartsWith("Crashed at epoch 2", summary);
        Assert.Contains(Sweep.OomLine, summary);
        Assert.Contains($"Its Modal app {Sweep.AppDescription} ({Sweep.AppId}) is still up with 3 task(s): they belong to its 3 running sibling run(s) in sweep {Sweep.SweepId}", summary);
        Assert.Contains("Do not stop the app: it hosts live runs.", summary);
        Assert.Equal(Sweep.AppId, r.GetProperty("app").GetProperty("app").GetProperty("appId").GetString());
        Assert.Equal(Sweep.LiveIds.Where(id => id != Sweep.CrashedId).Order(), r.GetProperty("siblings").EnumerateArray().Select(s => s.GetProperty("id").GetString()).Order());
        var text = result.Text();
        Assert.DoesNotContain("app stop", text);
        Assert.DoesNotContain("still be billed", text);
        Assert.Contains($"**Group**: {Sweep.Group} | **Sweep**: {Sweep.SweepId}", text);
    }

    [Fact]
    public async Task A_live_trial_is_healthy_in_the_shared_app()
    {
        var r = (await fx.Server.CallAsync("check_training", new() { ["run"] = Sweep.HealthyId })).Structured();
        Assert.Equal("healthy", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Equal(Sweep.AppId, r.GetProperty("app").GetProperty("app").GetProperty("appId").GetString());
        Assert.Equal(Sweep.Group, r.GetProperty("run").GetProperty("run").GetProperty("group").GetString());
        Assert.Equal(Sweep.SweepId, r.GetProperty("run").GetProperty("run").GetProperty("sweep").GetString());
    }
}
