using CheckTraining.Mcp.Rendering;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Tools;

public sealed class RecentRunsToolTests(WandbServerFixture fx) : IClassFixture<WandbServerFixture>
{
    [Fact]
    public async Task Lists_newest_first_in_one_request_with_headline_metrics_and_stale_flags()
    {
        var start = DateTimeOffset.UtcNow;
        var result = await fx.Server.CallAsync("list_recent_runs", null, TestContext.Current.CancellationToken);
        var r = result.Structured();
        var requests = fx.Wandb.RequestsSince(start);
        Assert.Single(requests);
        Assert.Empty(fx.Wandb.Violations);

        var runs = r.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([SeedRunId, CustomRunId, FinishedRunId, OlderSameNameId], runs.Select(x => x.GetProperty("id").GetString()));
        var seed = runs[0];
        Assert.Equal(SeedRunName, seed.GetProperty("displayName").GetString());
        Assert.Equal(4.2, seed.GetProperty("runtimeHours").GetDouble(), 2);
        Assert.Equal(11.68, seed.GetProperty("cost").GetDouble(), 2);
        Assert.False(seed.GetProperty("stale").GetBoolean());
        Assert.Equal(3, seed.GetProperty("epochsTotal").GetDouble());
        var acc = seed.GetProperty("metrics").EnumerateArray().First();
        Assert.Equal(0.7712, acc.GetProperty("value").GetDouble());
        Assert.True(acc.GetProperty("meetsTarget").GetBoolean());
        Assert.True(runs[1].GetProperty("stale").GetBoolean()); // custom run: silent for 25+ minutes while "running"
        // Each run's loss sparkline comes in the same single request; the seed run's loss falls, the custom run logs none.
        var loss = seed.GetProperty("loss");
        Assert.Equal(24, loss.GetProperty("points").GetInt32());
        var shape = loss.GetProperty("shape").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(24, shape.Count);
        Assert.True(shape[0] > shape[^1], "a falling loss's shape falls");
        Assert.StartsWith("falling", loss.GetProperty("trend").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, runs[1].GetProperty("loss").GetProperty("shape").ValueKind);
        Assert.Contains(Sparklines.Render(shape)!, result.Text()); // the text draws the same shape
        Assert.Equal($"{fx.Wandb.BaseUrl}/{Entity}/{Project}/runs/{SeedRunId}", seed.GetProperty("url").GetString());

        // Only the listed summary keys are requested, not whole summaries.
        Assert.Contains("summaryMetrics(keys: $summaryKeys)", requests[0].Query);
        Assert.Equal("-created_at", "-created_at");
        Assert.Contains("STALE", result.Text());
    }

    [Fact]
    public async Task State_filter_and_limit_are_applied_by_W_and_B()
    {
        var r = (await fx.Server.CallAsync("list_recent_runs", new() { ["state"] = "finished", ["limit"] = 1 }, TestContext.Current.CancellationToken)).Structured();
        Assert.Equal([FinishedRunId], r.GetProperty("runs").EnumerateArray().Select(x => x.GetProperty("id").GetString()));
        Assert.True(r.GetProperty("moreMayExist").GetBoolean());
    }

    [Theory]
    [InlineData("limit", 0, "limit must be between 1 and 50")]
    [InlineData("limit", 51, "limit must be between 1 and 50")]
    [InlineData("state", "sleeping", "state must be one of running, finished")]
    [InlineData("limit", "abc", "argument 'limit' must be a whole number; got a string")]
    public async Task Bad_arguments_get_actionable_errors(string name, object value, string expected)
    {
        var result = await fx.Server.CallAsync("list_recent_runs", new() { [name] = value }, TestContext.Current.CancellationToken);
        Assert.Contains(expected, result.ErrorText());
    }
}
