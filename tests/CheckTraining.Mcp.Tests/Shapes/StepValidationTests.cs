using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.RunShapes;

namespace CheckTraining.Mcp.Tests.Shapes;

/// <summary>The validation-by-step shapes' truth (<see cref="Steps"/>), asserted through a real MCP client.</summary>
public sealed class StepValidationTests(RunShapesServer fx) : IClassFixture<RunShapesServer>
{
    [Fact]
    public async Task Passes_are_labelled_by_step_never_called_epochs()
    {
        var result = await fx.Server.CallAsync("get_run_metrics", new() { ["run"] = Steps.WithTotal });
        var validation = result.Structured().GetProperty("validation");
        Assert.Equal("step", validation.GetProperty("passesBy").GetString());
        var passes = validation.GetProperty("epochs");
        Assert.Equal(Steps.Passes, passes.GetArrayLength());
        Assert.Equal(Steps.LastPassStep, passes[Steps.Passes - 1].GetProperty("trainerStep").GetInt64());

        var text = result.Text();
        Assert.Contains($"{Steps.Passes} validation pass(es), by step", text);
        Assert.Contains("| Step 500 (", text);
        Assert.Contains($"| Step {Steps.LastPassStep} (", text);
        Assert.DoesNotContain("epoch(s) complete", text);
        Assert.DoesNotContain("| Epoch ", text);
    }

    [Fact]
    public async Task With_total_steps_in_the_config_the_ETA_comes_from_steps()
    {
        var r = (await fx.Server.CallAsync("check_training", new() { ["run"] = Steps.WithTotal })).Structured();
        Assert.Equal("healthy", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Equal(Steps.WithTotalAppId, r.GetProperty("app").GetProperty("app").GetProperty("appId").GetString());

        var run = r.GetProperty("run");
        var wall = run.GetProperty("wallTime");
        Assert.Equal(Steps.RemainingHours, wall.GetProperty("remainingHours").GetDouble(), Steps.RemainingHours * 0.1);
        Assert.Equal(Steps.RuntimeHours + Steps.RemainingHours, wall.GetProperty("projectedTotalHours").GetDouble(), 0.5);
        Assert.Equal(Steps.RuntimeHours / Steps.LastPassStep * 1000, wall.GetProperty("hoursPer1000Steps").GetDouble(), 0.05);
        Assert.Equal(Steps.MaxSteps, run.GetProperty("progress").GetProperty("stepsTotal").GetDouble());
        var cost = run.GetProperty("cost");
        Assert.True(cost.GetProperty("projectedTotal").GetDouble() >= cost.GetProperty("soFar").GetDouble());
    }

    [Fact]
    public async Task Without_total_steps_there_is_no_ETA_and_the_report_says_why()
    {
        var result = await fx.Server.CallAsync("get_run_metrics", new() { ["run"] = Steps.WithoutTotal });
        var wall = result.Structured().GetProperty("wallTime");
        // Null members are left out of structured content.
        Assert.False(wall.TryGetProperty("remainingHours", out _));
        Assert.False(wall.TryGetProperty("estimatedCompletion", out _));
        Assert.False(wall.TryGetProperty("projectedTotalHours", out _));
        Assert.Contains("no total steps", wall.GetProperty("noEtaReason").GetString());
        Assert.Contains("no ETA: the config names no total steps", result.Text());
        Assert.DoesNotContain("ETA 0", result.Text());
    }

    [Fact]
    public async Task The_baseline_is_compared_at_equal_steps_not_at_equal_pass_numbers()
    {
        var result = await fx.Server.CallAsync("compare_runs", new() { ["run"] = Steps.WithTotal, ["baseline"] = Steps.Baseline });
        var c = result.Structured();
        Assert.Equal(Steps.LastPassStep, c.GetProperty("latestCommonStep").GetInt64());
        var loss = c.GetProperty("validation").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "val/loss");
        var at = loss.GetProperty("atLatestCommonEpoch");
        Assert.Equal(Steps.LastPassStep, at.GetProperty("step").GetInt64());
        Assert.Equal(Steps.RunLossAtLastPass, at.GetProperty("run").GetDouble(), 6);
        // By pass number the baseline's 8th pass is at step 2000 (0.383): equal steps give 0.25.
        Assert.Equal(Steps.BaselineLossAtLastPass, at.GetProperty("baseline").GetDouble(), 6);
        Assert.Equal(-0.05, at.GetProperty("delta").GetDouble(), 6);

        // Every step either run validated at is a row; where both did, the values are each run's at that step.
        var rows = loss.GetProperty("epochs").EnumerateArray().ToList();
        var at1000 = rows.Single(e => e.GetProperty("step").GetInt64() == 1000);
        Assert.Equal(Steps.ValLoss(1000, 0), at1000.GetProperty("run").GetDouble(), 6);
        Assert.Equal(Steps.ValLoss(1000, 0.05), at1000.GetProperty("baseline").GetDouble(), 6);
        var at750 = rows.Single(e => e.GetProperty("step").GetInt64() == 750); // the baseline's alone
        Assert.False(at750.TryGetProperty("run", out _));
        Assert.Contains($"step {Steps.LastPassStep}", result.Text());
    }

    [Fact]
    public async Task Check_training_states_the_baseline_at_a_step()
    {
        // The default baseline: the newest finished run created before it.
        var result = await fx.Server.CallAsync("check_training", new() { ["run"] = Steps.WithTotal });
        Assert.Equal(Steps.Baseline, result.Structured().GetProperty("baseline").GetProperty("baseline").GetProperty("id").GetString());
        Assert.Contains($"at step {Steps.LastPassStep}: val/loss 0.200 vs 0.250 (−0.05, better)", result.Text());
        Assert.Contains("step by step", result.Text());
    }
}
