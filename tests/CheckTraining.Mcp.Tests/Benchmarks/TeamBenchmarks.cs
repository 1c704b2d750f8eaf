using System.Diagnostics;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static CheckTraining.Mcp.Tests.Benchmarks.BenchmarkReport;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>HTTP under load: one server with 32 concurrent calls, and three replicas with Redis on and off. 50 ms per W&amp;B request.</summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkCollection.Name)]
public sealed class TeamBenchmarks
{
    [Fact]
    public async Task Thirty_two_concurrent_calls_over_HTTP()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        await using var wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        wandb.Latency = TimeSpan.FromMilliseconds(50);
        var rows = new List<string>();
        foreach (var (label, ttl) in new[] { ("cache off", "0"), ("cache on (TTL 10 s)", "10") })
        {
            var env = McpServerProcess.WandbEnvironment(wandb);
            env["CHECKTRAINING_Cache__TtlSeconds"] = ttl;
            await using var server = await HttpServerProcess.StartAsync(env, "--Http:Stateless=true");
            await using var client = await ConnectAsync(server.Url);
            var start = DateTimeOffset.UtcNow;
            var times = await TimedAsync(Enumerable.Range(0, 32).Select(_ => client), SeedRunId);
            rows.Add($"| {label} | {wandb.RequestsSince(start).Count} | {Median(times):0} ms | {Percentile(times, 0.95):0} ms |");
        }

        Write("## 32 concurrent get_run_metrics over Streamable HTTP (one server, 50 ms per W&B request)\n" +
              "| | W&B requests | p50 | p95 |\n|---|---|---|---|\n" + string.Join("\n", rows));
    }

    [Fact]
    public async Task Three_replicas_with_and_without_Redis()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        await using var redis = await RedisServer.StartAsync();
        await using var wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        wandb.Latency = TimeSpan.FromMilliseconds(50);
        var rows = new List<string>();
        foreach (var (label, shared) in new[] { ("Redis off", false), ("Redis on", true) })
        {
            var replicas = new List<HttpServerProcess>();
            var clients = new List<McpClient>();
            for (var i = 0; i < 3; i++)
            {
                var env = McpServerProcess.WandbEnvironment(wandb);
                env["CHECKTRAINING_Cache__TtlSeconds"] = "30";
                if (shared)
                {
                    env["CHECKTRAINING_Cache__Redis"] = redis.ConnectionString;
                }

                replicas.Add(await HttpServerProcess.StartAsync(env, "--Http:Stateless=true"));
                clients.Add(await ConnectAsync(replicas[^1].Url));
            }

            var start = DateTimeOffset.UtcNow;
            var first = await TimedAsync(Enumerable.Range(0, 60).Select(i => clients[i % 3]), SeedRunId);
            var afterFirst = wandb.RequestsSince(start).Count;
            var second = DateTimeOffset.UtcNow;
            var again = await TimedAsync(Enumerable.Range(0, 60).Select(i => clients[(i + 1) % 3]), SeedRunId);
            // A replica that has not read this run yet: served from Redis when it is on.
            var late = DateTimeOffset.UtcNow;
            var env4 = McpServerProcess.WandbEnvironment(wandb);
            env4["CHECKTRAINING_Cache__TtlSeconds"] = "30";
            if (shared)
            {
                env4["CHECKTRAINING_Cache__Redis"] = redis.ConnectionString;
            }

            await using (var fourth = await HttpServerProcess.StartAsync(env4, "--Http:Stateless=true"))
            await using (var client4 = await ConnectAsync(fourth.Url))
            {
                await TimedAsync([client4], SeedRunId);
            }

            rows.Add($"| {label} | {afterFirst} | {Median(first):0} / {Percentile(first, 0.95):0} ms | {wandb.RequestsSince(second).Count - wandb.RequestsSince(late).Count} | " +
                     $"{Median(again):0} / {Percentile(again, 0.95):0} ms | {wandb.RequestsSince(late).Count} |");
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }

            foreach (var r in replicas)
            {
                await r.DisposeAsync();
            }
        }

        Write("## Three replicas, 60 concurrent identical get_run_metrics spread over them (50 ms per W&B request)\n" +
              "| | W&B requests, burst | p50 / p95, burst | W&B requests, second wave | p50 / p95, second wave | a new fourth replica's first call |\n" +
              "|---|---|---|---|---|---|\n" + string.Join("\n", rows));
    }

    private static async Task<McpClient> ConnectAsync(string url) => await McpClient.CreateAsync(
        new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(url + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }),
        cancellationToken: TestContext.Current.CancellationToken);

    private static async Task<double[]> TimedAsync(IEnumerable<McpClient> callers, string run) =>
        await Task.WhenAll(callers.Select(async client =>
        {
            var clock = Stopwatch.StartNew();
            var result = await client.CallToolAsync("get_run_metrics", new Dictionary<string, object?> { ["run"] = run },
                cancellationToken: TestContext.Current.CancellationToken);
            Assert.NotEqual(true, result.IsError);
            return clock.Elapsed.TotalMilliseconds;
        }));
}
