using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Compare;

/// <summary>
/// A baseline's history is read whole, not with the run's own sample counts. The run has validated one epoch (one
/// validation row); its finished baseline has three. W&amp;B, asked for one sample of three rows, may return any one
/// (the strict fake returns the middle one): compare_runs then had no delta at epoch 1 ("?"), check_training's baseline
/// line said "no validated epoch in common yet", the baseline's epoch time came from one pass, and plot_run drew it as one
/// point. Through a real MCP client (in process), cache and security on as shipped.
/// </summary>
public sealed class BaselineReadTests : IAsyncLifetime
{
    private const string RunId = "early001";
    private const string BaselineId = "base3val";

    // Truths, from the fixture rows (DiagnosisFixtures.Run): the run's one epoch took its whole 3 h less a minute of
    // logging; the baseline's three epochs took 4 h (created 30 h ago, last log 26 h ago), 1.33 h each.
    private const double RunEpochHours = 3 - (1 / 60.0);
    private const double BaselineEpochHours = 4.0 / 3;
    private const double RunAccAtEpoch1 = 0.75; // 0.74 + 0.01 × 1
    private const double BaselineAccAtEpoch1 = 0.73; // 0.74 + 0.01 × 1 − 0.02

    private FakeWandbServer _wandb = null!;
    private InProcessServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var data = new FakeWandbData();
        var runs = data.Project(WandbFixtures.Entity, WandbFixtures.Project);
        var run = DiagnosisFixtures.Run(RunId, "early-run", "running", now.AddHours(-3), now, lastLogAgo: 1, heartbeatAgo: 1, gpu: _ => 96, epochs: 1);
        run.Config["epochs"] = 3; // epoch 1 of 3 validated
        runs.Add(run);
        runs.Add(DiagnosisFixtures.Run(BaselineId, "baseline-3-epochs", "finished", now.AddHours(-30), now, lastLogAgo: 26 * 60, heartbeatAgo: 26 * 60,
            gpu: _ => 90, valBonus: -0.02, epochs: 3));
        _wandb = await FakeWandbServer.StartAsync(data);
        _server = await InProcessServer.StartAsync(InProcessServer.WandbSettings(_wandb));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wandb.DisposeAsync();
    }

    [Fact]
    public async Task Compare_runs_has_real_deltas_at_the_common_epoch_and_each_runs_own_pace()
    {
        var result = await _server.CallAsync("compare_runs", new() { ["run"] = RunId });
        var r = result.Structured();

        Assert.Equal(BaselineId, r.GetProperty("baseline").GetProperty("id").GetString());
        Assert.Equal(1.0, r.GetProperty("latestCommonEpoch").GetDouble());
        foreach (var metric in r.GetProperty("validation").EnumerateArray())
        {
            var at = metric.GetProperty("atLatestCommonEpoch");
            Assert.Equal(JsonValueKind.Number, at.GetProperty("delta").ValueKind);
        }

        var acc = Metric(r, "val_metric/action_change_acc").GetProperty("atLatestCommonEpoch");
        Assert.Equal(RunAccAtEpoch1, acc.GetProperty("run").GetDouble(), 6);
        Assert.Equal(BaselineAccAtEpoch1, acc.GetProperty("baseline").GetDouble(), 6);
        Assert.DoesNotContain("(?", result.Text());

        var pace = r.GetProperty("pace");
        Assert.Equal(RunEpochHours, pace.GetProperty("runEpochHours").GetDouble(), RunEpochHours * 0.1);
        Assert.Equal(BaselineEpochHours, pace.GetProperty("baselineEpochHours").GetDouble(), BaselineEpochHours * 0.1);
        Assert.True(pace.GetProperty("runEpochCost").GetDouble() > pace.GetProperty("baselineEpochCost").GetDouble()); // the slower run costs more per epoch
        Assert.Empty(_wandb.Violations);
    }

    [Fact]
    public async Task Check_trainings_baseline_line_compares_the_validated_epoch_in_common_in_two_requests()
    {
        var start = DateTimeOffset.UtcNow;
        var result = await _server.CallAsync("check_training", new() { ["run"] = RunId });
        var baseline = result.Structured().GetProperty("baseline");

        Assert.Equal(1.0, baseline.GetProperty("latestCommonEpoch").GetDouble());
        Assert.Contains("; at epoch 1: val_change_acc 75.0% vs 73.0% (+2.0 pts, better)", result.Text());
        Assert.DoesNotContain("no validated epoch in common", result.Text());
        Assert.Equal(2, _wandb.RequestsSince(start).Count);
    }

    [Fact]
    public async Task Plot_runs_baseline_has_every_validation_point()
    {
        var result = await _server.CallAsync("plot_run", new() { ["run"] = RunId, ["baseline"] = "previous" });
        var series = result.Structured().GetProperty("series").EnumerateArray()
            .Where(s => s.GetProperty("panel").GetString() == "validation (baseline)")
            .ToList();

        Assert.NotEmpty(series);
        Assert.All(series, s => Assert.Equal(3, s.GetProperty("points").GetInt32()));
    }

    private static JsonElement Metric(JsonElement comparison, string key) =>
        comparison.GetProperty("validation").EnumerateArray().First(m => m.GetProperty("key").GetString() == key);
}
