using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Check;

/// <summary>TTL, coalescing and partial failure in process, on a fake clock: fast and deterministic.</summary>
public sealed class CacheTimingTests : IAsyncLifetime
{
    private FakeWandbServer _wandb = null!;

    public async ValueTask InitializeAsync() => _wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync() => await _wandb.DisposeAsync();

    private async Task<int> RequestsForAsync(InProcessServer server, string tool, Dictionary<string, object?>? args = null)
    {
        var start = DateTimeOffset.UtcNow;
        var result = await server.CallAsync(tool, args);
        Assert.NotEqual(true, result.IsError);
        return _wandb.RequestsSince(start).Count;
    }

    [Fact]
    public async Task Reads_are_reused_within_the_TTL_and_refreshed_after_it()
    {
        var settings = InProcessServer.WandbSettings(_wandb);
        settings["Cache:TtlSeconds"] = "10";
        await using var server = await InProcessServer.StartAsync(settings);
        var args = new Dictionary<string, object?> { ["run"] = SeedRunId };

        Assert.Equal(2, await RequestsForAsync(server, "get_run_metrics", args));
        server.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await RequestsForAsync(server, "get_run_metrics", args));
        server.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await RequestsForAsync(server, "get_run_metrics", args));
    }

    [Fact]
    public async Task A_TTL_of_zero_reads_through_every_time()
    {
        var settings = InProcessServer.WandbSettings(_wandb);
        settings["Cache:TtlSeconds"] = "0";
        await using var server = await InProcessServer.StartAsync(settings);

        Assert.Equal(1, await RequestsForAsync(server, "list_recent_runs"));
        Assert.Equal(1, await RequestsForAsync(server, "list_recent_runs"));
    }

    [Fact]
    public async Task Concurrent_identical_reads_share_one_flight_and_failures_are_not_cached()
    {
        var settings = InProcessServer.WandbSettings(_wandb);
        await using var server = await InProcessServer.StartAsync(settings);
        _wandb.Latency = TimeSpan.FromMilliseconds(100);
        var start = DateTimeOffset.UtcNow;
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => server.CallAsync("list_recent_runs")));
        Assert.All(results, r => Assert.NotEqual(true, r.IsError));
        Assert.Single(_wandb.RequestsSince(start));

        // A failed read is not remembered: the next call asks again and succeeds.
        _wandb.Latency = TimeSpan.Zero;
        _wandb.EnqueueStatus(401);
        var failed = await server.CallAsync("get_run_metrics", new() { ["run"] = FinishedRunId });
        Assert.True(failed.IsError);
        Assert.Equal(2, await RequestsForAsync(server, "get_run_metrics", new() { ["run"] = FinishedRunId }));
    }

    [Fact]
    public async Task A_missing_Modal_CLI_fails_only_the_Modal_section()
    {
        await using var server = await InProcessServer.StartAsync(InProcessServer.WandbSettings(_wandb));
        var result = await server.CallAsync("check_training", new() { ["run"] = SeedRunId });

        var r = result.Structured();
        Assert.Equal("NotInstalled", r.GetProperty("appError").GetProperty("kind").GetString());
        Assert.Equal(SeedRunId, r.GetProperty("run").GetProperty("run").GetProperty("id").GetString());
        Assert.Contains("CHECKTRAINING_Modal__CliPath", result.Text());
    }
}
