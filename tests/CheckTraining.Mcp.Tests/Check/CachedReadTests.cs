using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Check;

/// <summary>The read cache through the real server (TTL 10 s): coalesced bursts, cached listings, and the one listing that never is.</summary>
public sealed class CachedReadTests(CachedCheckServerFixture fx) : IClassFixture<CachedCheckServerFixture>
{
    [Fact]
    public async Task Thirty_two_concurrent_calls_for_one_run_cost_at_most_two_W_and_B_requests()
    {
        fx.Wandb.Latency = TimeSpan.FromMilliseconds(50); // keep the burst in flight together
        try
        {
            var start = DateTimeOffset.UtcNow;
            // A run no other test of this class reads, so nothing is cached yet.
            var run = LoggingStyleFixtures.Url(fx.Wandb.BaseUrl, LoggingStyleFixtures.SplitRunningId);
            var calls = Enumerable.Range(0, 32).Select(_ =>
                fx.Server.CallAsync("get_run_metrics", new() { ["run"] = run }, TestContext.Current.CancellationToken));
            var results = await Task.WhenAll(calls);

            Assert.All(results, r => Assert.Equal(LoggingStyleFixtures.SplitRunningId, r.Structured().GetProperty("run").GetProperty("id").GetString()));
            Assert.InRange(fx.Wandb.RequestsSince(start).Count, 1, 2);
            Assert.Empty(fx.Wandb.Violations);
        }
        finally
        {
            fx.Wandb.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_check_within_the_TTL_reads_nothing_again_and_says_how_old_its_data_is()
    {
        var first = await fx.Server.CallAsync("check_training", new() { ["run"] = CustomRunId }, TestContext.Current.CancellationToken);
        var start = DateTimeOffset.UtcNow;
        var modalBefore = fx.Modal.OwnInvocations.Count;
        var second = await fx.Server.CallAsync("check_training", new() { ["run"] = CustomRunId }, TestContext.Current.CancellationToken);

        Assert.Empty(fx.Wandb.RequestsSince(start));
        Assert.Equal(modalBefore, fx.Modal.OwnInvocations.Count);
        Assert.Equal(first.Structured().GetProperty("asOf").GetDateTimeOffset(), second.Structured().GetProperty("asOf").GetDateTimeOffset());
    }

    [Fact]
    public async Task The_listing_a_download_is_checked_against_is_never_cached()
    {
        const string run = FinishedRunName;
        fx.Modal.AddCheckpoint(run, "epoch1.pt", 1024);
        var check = await fx.Server.CallAsync("check_training", new() { ["run"] = FinishedRunId, ["include_checkpoints"] = true },
            TestContext.Current.CancellationToken);
        Assert.Equal(["epoch1.pt"], check.Structured().GetProperty("checkpoints").GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));

        // A new checkpoint lands; check_training may show the cached listing, pull_checkpoint must not.
        fx.Modal.AddCheckpoint(run, "latest.pt", 4096, seed: 7);
        var cached = await fx.Server.CallAsync("check_training", new() { ["run"] = FinishedRunId, ["include_checkpoints"] = true },
            TestContext.Current.CancellationToken);
        Assert.Single(cached.Structured().GetProperty("checkpoints").GetProperty("files").EnumerateArray());

        var pull = await fx.Server.CallAsync("pull_checkpoint", new() { ["run"] = FinishedRunId, ["file"] = "latest.pt" },
            TestContext.Current.CancellationToken);
        var download = pull.Structured().GetProperty("download");
        Assert.Equal("downloaded", download.GetProperty("status").GetString());
        Assert.Equal(4096, download.GetProperty("bytes").GetInt64());
    }
}
