using System.Diagnostics;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Benchmarks.BenchmarkReport;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>
/// W&amp;B cost of the server's reads against the seed skill's own access pattern, replayed on the same fake, with 50 ms
/// injected per request (the real API is that far away). Skipped unless CHECKTRAINING_BENCH=1.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkCollection.Name)]
public sealed class WandbBenchmarks
{
    [Theory]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public async Task Run_metrics_against_the_seeds_scan_history(int rows)
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        var project = $"bench-{rows}";
        var data = new FakeWandbData();
        data.Project(WandbFixtures.Entity, project).Add(WandbFixtures.SeedRun(DateTimeOffset.UtcNow, rows, id: "bench001"));
        await using var wandb = await FakeWandbServer.StartAsync(data);
        wandb.Latency = TimeSpan.FromMilliseconds(50);
        var env = McpServerProcess.WandbEnvironment(wandb);
        env["WANDB_PROJECT"] = project;
        await using var server = await McpServerProcess.StartAsync(env);

        var times = new List<double>();
        IReadOnlyList<RecordedRequest> requests = [];
        for (var i = 0; i < 5; i++)
        {
            var start = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            (await server.CallAsync("get_run_metrics", null, TestContext.Current.CancellationToken)).Structured();
            times.Add(clock.Elapsed.TotalMilliseconds);
            requests = wandb.RequestsSince(start);
        }

        var seed = await SeedAccessPattern.ReplayAsync(wandb, project);
        var ours = requests.Sum(r => r.ResponseBytes);
        Write($"""
            ## get_run_metrics on a {rows:N0}-row run vs the seed's access pattern (50 ms per W&B request)
            | | requests | bytes read | latency |
            |---|---|---|---|
            | get_run_metrics (median of 5) | {requests.Count} | {ours:N0} | {Median(times):0} ms |
            | seed: runs page + scan_history(page_size=1000) | {seed.Requests:N0} | {seed.Bytes:N0} | {seed.Milliseconds:N0} ms |
            """);
    }

    [Fact]
    public async Task Recent_runs_at_the_limit_of_50()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        var data = WandbFixtures.Create(DateTimeOffset.UtcNow);
        var runs = data.Project(WandbFixtures.Entity, WandbFixtures.Project);
        for (var i = 0; i < 50; i++)
        {
            runs.Add(new FakeRun
            {
                Id = $"fill{i:0000}", DisplayName = $"sweep-{i}", State = "finished", CreatedAt = DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(-i),
                HeartbeatAt = DateTimeOffset.UtcNow.AddHours(-20), Config = new JsonObject { ["epochs"] = 3 },
                Summary = new() { ["_runtime"] = 3600.0, ["epoch"] = 3.0, ["val_loss/total"] = 0.2, ["val_metric/action_change_acc"] = 0.76 },
            });
        }

        await using var wandb = await FakeWandbServer.StartAsync(data);
        wandb.Latency = TimeSpan.FromMilliseconds(50);
        await using var server = await McpServerProcess.StartAsync(McpServerProcess.WandbEnvironment(wandb));
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var result = (await server.CallAsync("list_recent_runs", new() { ["limit"] = 50 }, TestContext.Current.CancellationToken)).Structured();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var requests = wandb.RequestsSince(start);
        Assert.Equal(50, result.GetProperty("runs").GetArrayLength());
        Write($"""
            ## list_recent_runs(limit=50) (50 ms per W&B request)
            - W&B requests: {requests.Count}; bytes read: {requests.Sum(r => r.ResponseBytes):N0} (only the summary and config keys the listing shows); latency {elapsed:0} ms
            """);
    }
}
