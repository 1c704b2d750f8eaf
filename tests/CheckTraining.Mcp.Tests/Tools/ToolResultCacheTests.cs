using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Tools;

/// <summary>
/// Built results are cached beside the raw reads (same TTL), in process on the fake clock. A rebuilt report shows the
/// clock's movement in its ages (minutes since the heartbeat), so an unchanged age proves the result was reused.
/// </summary>
public sealed class ToolResultCacheTests : IAsyncLifetime
{
    private FakeWandbServer _wandb = null!;
    private InProcessServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        var settings = InProcessServer.WandbSettings(_wandb);
        settings["Cache:TtlSeconds"] = "60";
        _server = await InProcessServer.StartAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wandb.DisposeAsync();
    }

    private static double HeartbeatAge(System.Text.Json.JsonElement report) =>
        report.GetProperty("activity").GetProperty("minutesSinceHeartbeat").GetDouble();

    [Fact]
    public async Task A_repeat_within_the_TTL_is_the_same_built_result_and_one_after_it_is_rebuilt()
    {
        var args = new Dictionary<string, object?> { ["run"] = FinishedRunId };
        var first = await _server.CallAsync("get_run_metrics", args);
        // HybridCache may store an entry just after handing it out; repeat at the same fake time until a call is served
        // without W&B, so the clock only moves once the entries exist (nothing is asserted about these calls).
        for (var i = 0; i < 20; i++)
        {
            var before = DateTimeOffset.UtcNow;
            first = await _server.CallAsync("get_run_metrics", args);
            if (_wandb.RequestsSince(before).Count == 0)
            {
                break;
            }
        }

        _server.Time.Advance(TimeSpan.FromSeconds(30));
        var start = DateTimeOffset.UtcNow;
        var repeat = await _server.CallAsync("get_run_metrics", args);
        Assert.Empty(_wandb.RequestsSince(start));
        Assert.Equal(first.Text(), repeat.Text());
        Assert.Equal(HeartbeatAge(first.Structured()), HeartbeatAge(repeat.Structured())); // not rebuilt: the age did not move

        // Past the TTL of both the result and its reads, even had the cache stored them only after the first advance.
        _server.Time.Advance(TimeSpan.FromSeconds(61));
        var rebuilt = await _server.CallAsync("get_run_metrics", args);
        Assert.Equal(2, _wandb.RequestsSince(start).Count);
        Assert.InRange(HeartbeatAge(rebuilt.Structured()) - HeartbeatAge(first.Structured()), 1.45, 1.65); // 91 s later, each age rounded to 0.1 min
        Assert.NotEqual(first.Structured().GetProperty("asOf").GetString(), rebuilt.Structured().GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Different_arguments_are_different_entries()
    {
        var finished = await _server.CallAsync("get_run_metrics", new() { ["run"] = FinishedRunId });
        var seed = await _server.CallAsync("get_run_metrics", new() { ["run"] = SeedRunId });
        Assert.Equal(FinishedRunId, finished.Structured().GetProperty("run").GetProperty("id").GetString());
        Assert.Equal(SeedRunId, seed.Structured().GetProperty("run").GetProperty("id").GetString());
        var limited = await _server.CallAsync("list_recent_runs", new() { ["limit"] = 1 });
        Assert.Single(limited.Structured().GetProperty("runs").EnumerateArray());
        Assert.Equal(4, (await _server.CallAsync("list_recent_runs")).Structured().GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task A_result_with_a_failed_section_is_answered_but_never_reused()
    {
        var args = new Dictionary<string, object?> { ["run"] = SeedRunId };
        var first = await _server.CallAsync("check_training", args); // no Modal CLI here: the Modal section fails
        Assert.Equal("NotInstalled", first.Structured().GetProperty("appError").GetProperty("kind").GetString());
        _server.Time.Advance(TimeSpan.FromSeconds(30));
        var second = await _server.CallAsync("check_training", args);
        var run = (System.Text.Json.JsonElement r) => r.GetProperty("run").GetProperty("activity");
        Assert.InRange(run(second.Structured()).GetProperty("minutesSinceHeartbeat").GetDouble()
                       - run(first.Structured()).GetProperty("minutesSinceHeartbeat").GetDouble(), 0.45, 0.55); // rebuilt 30 s later
    }

    [Fact]
    public async Task Errors_are_never_cached()
    {
        _wandb.EnqueueStatus(401);
        Assert.True((await _server.CallAsync("list_recent_runs")).IsError);
        Assert.NotEqual(true, (await _server.CallAsync("list_recent_runs")).IsError);
    }
}
