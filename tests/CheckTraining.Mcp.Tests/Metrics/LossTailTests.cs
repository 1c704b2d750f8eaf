using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Metrics;

/// <summary>
/// A late loss spike on a long run reaches the report: the newest steps are read whole beside W&amp;B's sample of the
/// rest, in the same request. The fixture is a 2M-row run's shape at a twentieth of its size (the sample's spacing, 100
/// steps, against a 50-step spike, is what a 2M-row run has against a spike of its last ~1,000 steps): a plateau at
/// 0.1, then ×9 over the last 50 steps. W&amp;B's sample keeps no end row for sure (the strict fake keeps neither), so
/// the sampled curve alone ends on the plateau.
/// </summary>
public sealed class LossTailTests : IAsyncLifetime
{
    private const string RunId = "spike001";
    private const int Rows = 100_000;
    private const int SpikeSteps = 50;
    private const double Plateau = 0.1;
    private const double Spike = 0.9;

    private FakeWandbServer _wandb = null!;
    private InProcessServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var created = now.AddHours(-10);
        var history = new List<Dictionary<string, object?>>(Rows);
        for (var i = 0; i < Rows; i++)
        {
            var runtime = 36_000.0 * (i + 1) / Rows;
            history.Add(new()
            {
                ["_step"] = i, ["_runtime"] = runtime, ["_timestamp"] = created.AddSeconds(runtime).ToUnixTimeMilliseconds() / 1000.0,
                ["batch/loss"] = i >= Rows - SpikeSteps ? Spike : Plateau + (1.0 / (1 + (i / 100.0))),
            });
        }

        var data = new FakeWandbData();
        data.Project(WandbFixtures.Entity, WandbFixtures.Project).Add(new FakeRun
        {
            Id = RunId, DisplayName = "late-spike", State = "running", CreatedAt = created, HeartbeatAt = now,
            Summary = new() { ["_runtime"] = 36_000.0, ["_timestamp"] = now.ToUnixTimeMilliseconds() / 1000.0, ["batch/loss"] = Spike },
            History = history,
        });
        _wandb = await FakeWandbServer.StartAsync(data);
        _server = await InProcessServer.StartAsync(InProcessServer.WandbSettings(_wandb));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wandb.DisposeAsync();
    }

    [Fact]
    public async Task The_curve_ends_on_the_newest_row_and_holds_the_spike_in_two_requests()
    {
        var start = DateTimeOffset.UtcNow;
        var loss = (await _server.CallAsync("get_run_metrics", new() { ["run"] = RunId })).Structured().GetProperty("loss");

        Assert.Equal(Spike, loss.GetProperty("last").GetDouble());
        Assert.True(loss.GetProperty("sampled").GetBoolean());
        var points = loss.GetProperty("points").GetInt32();
        Assert.InRange(points, 1000, 1010); // the sample, plus a few tail points at its spacing: the tail does not swamp the shape
        var requests = _wandb.RequestsSince(start);
        Assert.Equal(2, requests.Count);
        var specs = requests[1].Variables!["specs"]!.AsArray().Select(s => System.Text.Json.Nodes.JsonNode.Parse(s!.GetValue<string>())!).ToList();
        var tail = Assert.Single(specs, s => s["minStep"] is not null);
        Assert.Equal(Rows - 1000, tail["minStep"]!.GetValue<long>()); // the newest 1,000 steps, minStep inclusive
        Assert.Equal(1000, tail["samples"]!.GetValue<int>()); // as many samples as steps: never down-sampled
        Assert.Empty(_wandb.Violations);
    }

    [Fact]
    public async Task Plot_runs_loss_curve_ends_on_the_spike()
    {
        var series = (await _server.CallAsync("plot_run", new() { ["run"] = RunId })).Structured().GetProperty("series").EnumerateArray()
            .Single(s => s.GetProperty("key").GetString() == "batch/loss");

        Assert.Equal(Spike, series.GetProperty("last").GetDouble());
    }
}
