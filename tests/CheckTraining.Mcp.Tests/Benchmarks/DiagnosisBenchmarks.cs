using System.Diagnostics;
using System.Text;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Benchmarks.BenchmarkReport;
using static CheckTraining.Mcp.Tests.Infrastructure.DiagnosisFixtures;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>
/// The "why" tools with 50 ms injected at the fake W&amp;B: check_training against its slower backend now that the GPU
/// sample, console tail and baseline ride in its second request; W&amp;B requests per tool; report sizes; console bytes.
/// Skipped unless CHECKTRAINING_BENCH=1.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkCollection.Name)]
public sealed class DiagnosisBenchmarks
{
    private const string ChattyId = "chatty01";

    [Fact]
    public async Task Why_latency_requests_sizes_and_console_bytes()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        var now = DateTimeOffset.UtcNow;
        var data = WandbFixtures.Create(now);
        AddTo(data, now);
        var console = Enumerable.Range(0, 3000).Select(i => (i % 7 == 0, $"step {i:D6} | loss 0.{i % 1000:D3} | lr 3.0e-4 | tokens/s 182,{i % 1000:D3} | gpu mem 71.2 GiB | eta 01:{i % 60:D2}:00")).ToList();
        console.AddRange([(true, "Traceback (most recent call last):"), (true, "  File \"train.py\", line 9"), (true, OomLine)]);
        data.Project(WandbFixtures.Entity, WandbFixtures.Project).Add(Run(ChattyId, "chatty-run", "crashed", now.AddHours(-RunAgeHours), now, 100, 99, _ => 90, console: console));
        await using var wandb = await FakeWandbServer.StartAsync(data);
        using var modal = new FakeModal(now);
        modal.SetApps(("ap-BenchAppAAAAAAAAAAAAAAA", "melee-train", "ephemeral (detached)", 1, now.AddHours(-RunAgeHours).AddMinutes(-2), null));
        wandb.Latency = TimeSpan.FromMilliseconds(50);
        var env = McpServerProcess.WandbEnvironment(wandb);
        foreach (var (k, v) in modal.ServerEnvironment(Path.Combine(modal.Root, "ckpt")))
        {
            env[k] = v;
        }

        await using var server = await McpServerProcess.StartAsync(env); // cache off: every call reads its backends
        async Task<(double Ms, int Requests, int Bytes, int TextBytes)> CallAsync(string tool, Dictionary<string, object?>? a)
        {
            var start = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var result = await server.CallAsync(tool, a, TestContext.Current.CancellationToken);
            var ms = clock.Elapsed.TotalMilliseconds;
            Assert.False(result.IsError == true, result.Text());
            var text = Encoding.UTF8.GetByteCount(result.Text());
            return (ms, wandb.RequestsSince(start).Count, text + Encoding.UTF8.GetByteCount(result.StructuredContent?.GetRawText() ?? ""), text);
        }

        var run = new Dictionary<string, object?> { ["run"] = BusyId };
        await CallAsync("check_training", run); // warm up
        List<double> metrics = [], apps = [], check = [];
        for (var i = 0; i < 10; i++)
        {
            metrics.Add((await CallAsync("get_run_metrics", run)).Ms);
            apps.Add((await CallAsync("get_app_status", null)).Ms);
            check.Add((await CallAsync("check_training", run)).Ms);
        }

        var rows = new List<string>();
        foreach (var (tool, a) in new (string, Dictionary<string, object?>?)[]
        {
            ("check_training", run), ("check_training", new() { ["run"] = CrashedId }), ("get_run_metrics", run),
            ("get_run_logs", new() { ["run"] = CrashedId }), ("compare_runs", run), ("compare_runs", new() { ["run"] = BusyId, ["baseline"] = "other-arch" }),
            ("plot_run", new() { ["run"] = BusyId, ["baseline"] = "previous" }), ("list_recent_runs", null),
        })
        {
            var (ms, requests, bytes, text) = await CallAsync(tool, a);
            rows.Add($"| {tool}({string.Join(", ", (a ?? []).Select(kv => $"{kv.Key}={kv.Value}"))}) | {requests} | {text:N0} B | {bytes:N0} B | {ms:0} ms |");
        }

        var tail100 = await CallAsync("get_run_logs", new() { ["run"] = ChattyId, ["tail"] = 100 });
        var tail1000 = await CallAsync("get_run_logs", new() { ["run"] = ChattyId, ["tail"] = 1000 });
        var slower = Math.Max(Median(metrics), Median(apps));
        Write($"""
            ## Saying why: check_training vs its slower backend (50 ms at the fake W&B, cache off, median of 10, interleaved)
            | call | median | p90 |
            |---|---|---|
            | get_run_metrics (W&B: 2 sequential requests) | {Median(metrics):0} ms | {Percentile(metrics, 0.9):0} ms |
            | get_app_status (`modal app list`, fake CLI) | {Median(apps):0} ms | {Percentile(apps, 0.9):0} ms |
            | check_training (with GPU sample, console tail and baseline) | {Median(check):0} ms | {Percentile(check, 0.9):0} ms |
            - check_training / slower single backend: {Median(check) / slower:0.00}×

            | call | W&B requests | text | text + structured | time |
            |---|---|---|---|---|
            {string.Join("\n", rows)}
            - get_run_logs on a 3,003-line console: tail 100 → text {tail100.TextBytes:N0} B, with structured {tail100.Bytes:N0} B ({tail100.Requests} requests); tail 1000 → text {tail1000.TextBytes:N0} B, with structured {tail1000.Bytes:N0} B ({tail1000.Requests} requests; the 32 KB cap applies)
            """);
    }
}
