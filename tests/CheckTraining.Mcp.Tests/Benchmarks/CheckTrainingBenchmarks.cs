using System.Diagnostics;
using System.Text;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Benchmarks.BenchmarkReport;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>
/// check_training against its single backends, with 50 ms injected at the fake W&amp;B (the real API is that far away).
/// Skipped unless CHECKTRAINING_BENCH=1.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkCollection.Name)]
public sealed class CheckTrainingBenchmarks
{
    [Fact]
    public async Task Check_training_latency_requests_and_report_size()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        await using var wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        using var modal = new FakeModal(DateTimeOffset.UtcNow);
        modal.AddCheckpoint(SeedRunName, "latest.pt", 4096);
        wandb.Latency = TimeSpan.FromMilliseconds(50);
        var env = McpServerProcess.WandbEnvironment(wandb);
        foreach (var (k, v) in modal.ServerEnvironment(Path.Combine(modal.Root, "ckpt")))
        {
            env[k] = v;
        }

        await using var server = await McpServerProcess.StartAsync(env); // cache off: every call reads both backends
        var args = new Dictionary<string, object?> { ["run"] = SeedRunId };
        async Task<double> TimeAsync(string tool, Dictionary<string, object?>? a)
        {
            var clock = Stopwatch.StartNew();
            (await server.CallAsync(tool, a, TestContext.Current.CancellationToken)).Structured();
            return clock.Elapsed.TotalMilliseconds;
        }

        await TimeAsync("check_training", args); // warm up both paths
        List<double> metrics = [], apps = [], check = [], checkWithCheckpoints = [];
        for (var i = 0; i < 10; i++)
        {
            metrics.Add(await TimeAsync("get_run_metrics", args));
            apps.Add(await TimeAsync("get_app_status", null));
            check.Add(await TimeAsync("check_training", args));
            checkWithCheckpoints.Add(await TimeAsync("check_training", new() { ["run"] = SeedRunId, ["include_checkpoints"] = true }));
        }

        var sizes = new Dictionary<string, int>();
        foreach (var (name, tool, a) in new[]
        {
            ("get_run_metrics", "get_run_metrics", args),
            ("check_training", "check_training", args),
            ("check_training + checkpoints", "check_training", new() { ["run"] = SeedRunId, ["include_checkpoints"] = true }),
        })
        {
            sizes[name] = Encoding.UTF8.GetByteCount((await server.CallAsync(tool, a, TestContext.Current.CancellationToken)).Text());
        }

        var slower = Math.Max(Median(metrics), Median(apps));
        Write($"""
            ## check_training vs its single backends (50 ms injected at the fake W&B, cache off, median of 10, interleaved)
            | call | median | p90 |
            |---|---|---|
            | get_run_metrics (W&B: 2 sequential requests) | {Median(metrics):0} ms | {Percentile(metrics, 0.9):0} ms |
            | get_app_status (`modal app list`, fake CLI) | {Median(apps):0} ms | {Percentile(apps, 0.9):0} ms |
            | check_training | {Median(check):0} ms | {Percentile(check, 0.9):0} ms |
            | check_training, include_checkpoints | {Median(checkWithCheckpoints):0} ms | {Percentile(checkWithCheckpoints, 0.9):0} ms |
            - check_training / slower single backend: {Median(check) / slower:0.00}× (the sum of both would be {(Median(metrics) + Median(apps)) / slower:0.00}×)
            - report text sizes: {string.Join(", ", sizes.Select(s => $"{s.Key} {s.Value:N0} B"))}
            """);
    }

    [Fact]
    public async Task A_burst_of_32_identical_calls_with_the_cache_on()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        await using var wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        wandb.Latency = TimeSpan.FromMilliseconds(50);
        var env = McpServerProcess.WandbEnvironment(wandb);
        env["CHECKTRAINING_Cache__TtlSeconds"] = "10";
        await using var server = await McpServerProcess.StartAsync(env);

        var start = DateTimeOffset.UtcNow;
        var latencies = await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            var clock = Stopwatch.StartNew();
            (await server.CallAsync("get_run_metrics", new() { ["run"] = SeedRunId }, TestContext.Current.CancellationToken)).Structured();
            return clock.Elapsed.TotalMilliseconds;
        }));
        var burst = wandb.RequestsSince(start).Count;
        var second = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => server.CallAsync("get_run_metrics", new() { ["run"] = SeedRunId }, TestContext.Current.CancellationToken)));
        Write($"""
            ## 32 concurrent get_run_metrics for one run, cache on (TTL 10 s), 50 ms at the fake W&B
            - W&B requests for the burst: {burst} (32 calls × 2 without the cache = 64); a second burst within the TTL: {wandb.RequestsSince(second).Count}
            - call latency: p50 {Median(latencies):0} ms, p95 {Percentile(latencies, 0.95):0} ms
            """);
    }

    /// <summary>
    /// The hot path: with 50 ms at the fake W&amp;B, one cold call alone, 32 concurrent identical cold calls, and a repeat
    /// within the TTL. In process on the fake clock, so each "cold" measurement starts past the TTL.
    /// </summary>
    [Fact]
    public async Task Cached_results_burst_and_repeat_against_one_call_alone()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        await using var wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        var settings = InProcessServer.WandbSettings(wandb);
        settings["Cache:TtlSeconds"] = "10";
        await using var server = await InProcessServer.StartAsync(settings);
        wandb.Latency = TimeSpan.FromMilliseconds(50);
        var args = new Dictionary<string, object?> { ["run"] = SeedRunId };
        async Task<double> TimeAsync()
        {
            var clock = Stopwatch.StartNew();
            (await server.CallAsync("get_run_metrics", args)).Structured();
            return clock.Elapsed.TotalMilliseconds;
        }

        await TimeAsync(); // warm up
        List<double> alone = [], burstP50 = [], repeat = [];
        for (var i = 0; i < 10; i++)
        {
            server.Time.Advance(TimeSpan.FromSeconds(11));
            alone.Add(await TimeAsync());
            server.Time.Advance(TimeSpan.FromSeconds(11));
            burstP50.Add(Median(await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => TimeAsync()))));
            repeat.Add(await TimeAsync());
        }

        Write($"""
            ## Hot path: get_run_metrics with 50 ms at the fake W&B, cache on (TTL 10 s), in process, median of 10
            | measurement | median | vs one call alone |
            |---|---|---|
            | one cold call alone | {Median(alone):0.0} ms | 1.00× |
            | p50 of 32 concurrent identical cold calls | {Median(burstP50):0.0} ms | {Median(burstP50) / Median(alone):0.00}× (goal ≤ 1.25×) |
            | a repeat within the TTL | {Median(repeat):0.00} ms | {Median(repeat) / Median(alone):0.000}× (goal ≤ 0.1×) |
            """);
    }
}
