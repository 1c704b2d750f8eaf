using CheckTraining.Mcp.Tests.Infrastructure;
using CheckTraining.Mcp.Tests.Watch;
using static CheckTraining.Mcp.Tests.Benchmarks.BenchmarkReport;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>
/// What waiting costs: W&amp;B requests per minute for 1 and 10 watchers at a 30 s poll, against 10 agents calling
/// check_training every 30 s, and the time from an event to the answer. In process on the fake clock, as it ships
/// (cache on, TTL 10 s), with the fake modal. Skipped unless CHECKTRAINING_BENCH=1.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkCollection.Name)]
public sealed class WatchBenchmarks : WatchFakes
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private static readonly (string, string) Steady = ("Metrics:StaleAfterMinutes", "120");
    [Fact]
    public async Task Requests_per_minute_and_event_to_answer()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        var one = await WatchersAsync(1);
        var ten = await WatchersAsync(10);
        var agents = await AgentsAsync(10);
        var latencies = new List<(double Offset, int Watchers, double Seconds)>();
        foreach (var offset in new[] { 1.0, 15, 29 })
        {
            foreach (var watchers in new[] { 1, 10 })
            {
                latencies.Add((offset, watchers, await EventToAnswerAsync(watchers, offset)));
            }
        }

        Write($"""
            ## watch_run: W&B requests per minute at a 30 s poll (in process, fake clock, cache on, over {Window.TotalMinutes:0} min of steady state)
            | who | W&B requests / min | model turns / 10 min |
            |---|---|---|
            | 1 watcher (`watch_run`, until=change) | {one:0.0} | 1 |
            | 10 watchers of the same run, starting 3 s apart | {ten:0.0} | 10 (one each) |
            | 10 agents calling `check_training` every 30 s, 3 s apart | {agents:0.0} | 200 |
            | the same 10 agents if no call met another's cached read (10 × 2 requests / 30 s) | 40.0 | 200 |

            Time from the event (the run crashes in W&B) to the answer, on the fake clock (poll grid at 0, 30, 60 s):
            | crash, seconds after a poll | watchers | event → answer |
            |---|---|---|
            {string.Join("\n", latencies.Select(l => $"| {l.Offset:0} s | {l.Watchers} | {l.Seconds:0} s |"))}
            """);
    }

    /// <summary>W&amp;B requests per minute while <paramref name="count"/> watchers (3 s apart) wait on a run that does not change.</summary>
    private async Task<double> WatchersAsync(int count)
    {
        // The fixture run stops logging when the fixture is made: without this it would turn stale (a change) within the window.
        await using var h = await WatchHarness.StartAsync(Wandb, Modal, Checkpoints, Steady);
        var calls = new List<Task<ModelContextProtocol.Protocol.CallToolResult>>();
        for (var i = 0; i < count; i++)
        {
            calls.Add(h.WatchAsync(new() { ["run"] = SeedRunId, ["timeout_seconds"] = 3600 }));
            await WatchHarness.Until(() => h.Watch.Waiting == calls.Count);
            h.Server.Time.Advance(TimeSpan.FromSeconds(3));
            await WatchHarness.Until(() => h.Watch.Waiting == calls.Count);
        }

        // Counted, not filtered by time: each harness's fake clock runs on from its own start.
        var (from, before) = (h.Server.Time.GetUtcNow(), Wandb.Requests.Count);
        while (h.Server.Time.GetUtcNow() - from < Window)
        {
            h.Server.Time.Advance(WatchHarness.Poll);
            await WatchHarness.Until(() => h.Watch.Waiting == count);
        }

        var requests = Wandb.Requests.Count - before;
        h.Server.Time.Advance(TimeSpan.FromHours(1)); // every watch times out
        await Task.WhenAll(calls);
        return requests / Window.TotalMinutes;
    }

    /// <summary>W&amp;B requests per minute while <paramref name="count"/> agents (3 s apart) each call check_training every 30 s.</summary>
    private async Task<double> AgentsAsync(int count)
    {
        await using var h = await WatchHarness.StartAsync(Wandb, Modal, Checkpoints, Steady);
        var step = WatchHarness.Poll / count;
        var before = Wandb.Requests.Count;
        for (var t = TimeSpan.Zero; t < Window; t += step)
        {
            Assert.NotEqual(true, (await h.Server.CallAsync("check_training", new() { ["run"] = SeedRunId })).IsError);
            h.Server.Time.Advance(step);
        }

        return (Wandb.Requests.Count - before) / Window.TotalMinutes;
    }

    /// <summary>Seconds from the crash to the answer, for a crash <paramref name="afterPoll"/> seconds after a poll.</summary>
    private async Task<double> EventToAnswerAsync(int watchers, double afterPoll)
    {
        await using var h = await WatchHarness.StartAsync(Wandb, Modal, Checkpoints);
        var crashAt = h.Start + WatchHarness.Poll + TimeSpan.FromSeconds(afterPoll);
        var data = WatchFixtures.Create(h.Start);
        Wandb.Data.Projects[(Entity, Project)] = data.Project(Entity, Project); // a fresh, running seed run for each measurement
        WatchFixtures.CrashSeedRunAt(Wandb, crashAt);
        var calls = Enumerable.Range(0, watchers).Select(_ => h.WatchAsync(new() { ["run"] = SeedRunId })).ToList();
        var results = await h.AdvanceAsync(Task.WhenAll(calls), watchers);
        return results.Max(r => (r.Structured().GetProperty("answeredAt").GetDateTimeOffset() - crashAt).TotalSeconds);
    }
}
