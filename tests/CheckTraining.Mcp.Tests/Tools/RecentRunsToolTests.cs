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
        Assert.True(runs[1].GetProperty("loss").IsAbsentOrNull("shape"));
        Assert.Contains(Sparklines.Render(shape)!, result.Text()); // the text draws the same shape
        Assert.Equal($"{fx.Wandb.BaseUrl}/{Entity}/{Project}/runs/{SeedRunId}", seed.GetProperty("url").GetString());

        // Only the listed summary keys are requested, not whole summaries.
        Assert.Contains("summaryMetrics(keys: $summaryKeys)", requests[0].Query);
        Assert.Contains("order: \"-created_at\", first: $first", requests[0].Query); // newest first, as W&B sorts it
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
    [InlineData("state", "sleeping", "argument 'state' must be one of running, finished")]
    [InlineData("limit", "abc", "argument 'limit' must be a whole number; got a string")]
    public async Task Bad_arguments_get_actionable_errors(string name, object value, string expected)
    {
        var result = await fx.Server.CallAsync("list_recent_runs", new() { [name] = value }, TestContext.Current.CancellationToken);
        Assert.Contains(expected, result.ErrorText());
    }

    [Fact]
    public async Task State_is_an_enum_of_W_and_B_states_in_the_schema()
    {
        var tool = (await fx.Server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Single(t => t.Name == "list_recent_runs");
        var state = tool.ProtocolTool.InputSchema.GetProperty("properties").GetProperty("state");
        Assert.Equal(["running", "finished", "failed", "crashed", "killed", "preempting", "preempted", "pending"],
            state.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == System.Text.Json.JsonValueKind.String).Select(v => v.GetString()));
    }

    [Fact]
    public async Task A_huge_state_is_refused_without_being_echoed_back()
    {
        var huge = new string('z', 1024 * 1024);
        var text = (await fx.Server.CallAsync("list_recent_runs", new() { ["state"] = huge }, TestContext.Current.CancellationToken)).ErrorText();
        Assert.Contains("argument 'state' must be one of running", text);
        Assert.DoesNotContain(new string('z', EchoedInput.MaxLength + 1), text);
        Assert.True(text.Length < 1000, $"{text.Length} characters");
    }

    [Theory]
    [InlineData("run")]
    public async Task A_long_run_reference_is_echoed_at_most_100_characters(string name)
    {
        var text = (await fx.Server.CallAsync("get_run_metrics", new() { [name] = "n" + new string('q', 400) }, TestContext.Current.CancellationToken)).ErrorText();
        Assert.Contains("No run named 'nqqq", text);
        Assert.DoesNotContain(new string('q', EchoedInput.MaxLength), text);
        Assert.Contains("(401 characters)", text);
    }
}
