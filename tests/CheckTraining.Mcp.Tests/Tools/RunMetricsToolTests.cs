using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Tools;

/// <summary>get_run_metrics end to end: real server process over stdio, real HTTP to the fake W&amp;B.</summary>
public sealed class RunMetricsToolTests(WandbServerFixture fx) : IClassFixture<WandbServerFixture>
{
    private async Task<(JsonElement Report, string Text, IReadOnlyList<RecordedRequest> Requests)> CallAsync(string? run)
    {
        var start = DateTimeOffset.UtcNow;
        var args = run is null ? null : new Dictionary<string, object?> { ["run"] = run };
        var result = await fx.Server.CallAsync("get_run_metrics", args, TestContext.Current.CancellationToken);
        Assert.Empty(fx.Wandb.Violations);
        return (result.Structured(), result.Text(), fx.Wandb.RequestsSince(start));
    }

    [Fact]
    public async Task Latest_run_reports_every_number_of_the_seed_skill()
    {
        var (r, text, requests) = await CallAsync(null);

        var run = r.GetProperty("run");
        Assert.Equal(SeedRunId, run.GetProperty("id").GetString());
        Assert.Equal(SeedRunName, run.GetProperty("displayName").GetString());
        Assert.Equal("running", run.GetProperty("state").GetString());
        Assert.Equal($"{fx.Wandb.BaseUrl}/{Entity}/{Project}/runs/{SeedRunId}", run.GetProperty("url").GetString());
        // createdAt arrives without a zone designator and must be read as UTC, not local time
        var created = run.GetProperty("createdAt").GetDateTimeOffset();
        Assert.InRange((fx.Now.AddSeconds(-4.2 * 3600 - 120) - created).Duration().TotalSeconds, 0, 2);

        Assert.Equal(4.2, r.GetProperty("runtimeHours").GetDouble(), 2);
        var config = r.GetProperty("config").EnumerateArray().ToDictionary(c => c.GetProperty("label").GetString()!, c => c.GetProperty("value").GetString());
        Assert.Equal("mamba2", config["arch"]);
        Assert.Equal("22000", config["games"]);
        Assert.Equal("3", config["epochs"]);
        Assert.Equal("4096", config["batch_size"]);

        var progress = r.GetProperty("progress");
        Assert.Equal(3, progress.GetProperty("epoch").GetDouble());
        Assert.Equal(3, progress.GetProperty("epochsTotal").GetDouble());
        Assert.Equal(12000, progress.GetProperty("batchStep").GetDouble());
        Assert.Equal(26.5, progress.GetProperty("batchPercent").GetDouble());
        Assert.Equal(45283, progress.GetProperty("batchTotal").GetDouble());
        Assert.Equal(0.1234, progress.GetProperty("batchLoss").GetDouble());

        // The validation table equals the fixture's validation rows, computed independently of the server.
        var validation = r.GetProperty("validation");
        var expectedRows = SeedValidationRows();
        var epochs = validation.GetProperty("epochs").EnumerateArray().ToList();
        Assert.Equal(expectedRows.Select(x => (double)x["epoch"]!), epochs.Select(e => e.GetProperty("epoch").GetDouble()));
        Assert.Equal(SeedEpochEndHours, epochs.Select(e => e.GetProperty("runtimeHours").GetDouble()));
        Assert.False(validation.GetProperty("epochNumbersInferred").GetBoolean());
        var metrics = validation.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("key").GetString()!);
        foreach (var key in new[] { "val_metric/action_change_acc", "val_metric/position_mae", "val_loss/total" })
        {
            Assert.Equal(expectedRows.Select(x => (double)x[key]!), metrics[key].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        }

        Assert.True(metrics["val_metric/action_change_acc"].GetProperty("meetsTarget").GetBoolean()); // 77.1% > 75%
        Assert.True(metrics["val_metric/position_mae"].GetProperty("meetsTarget").GetBoolean()); // 0.531 < 0.55
        Assert.False(metrics["val_loss/total"].GetProperty("meetsTarget").GetBoolean()); // 0.205 !< 0.20

        var categories = r.GetProperty("categories");
        var flagged = categories.GetProperty("entries").EnumerateArray().Where(c => c.GetProperty("flagged").GetBoolean())
            .Select(c => c.GetProperty("category").GetString()).ToList();
        Assert.Equal(["movement", "rare"], flagged); // 0.91 < 0.93, and NaN is never "fine"
        Assert.Equal(Categories.Length + 1, categories.GetProperty("entries").GetArrayLength());
        Assert.True(categories.GetProperty("entries").EnumerateArray().Single(c => c.GetProperty("category").GetString() == "rare").IsAbsentOrNull("accuracy"));
        Assert.Equal(["val_action/cat_rare=NaN"], r.GetProperty("nonFiniteValues").EnumerateArray().Select(e => e.GetString()));

        var activity = r.GetProperty("activity");
        Assert.False(activity.GetProperty("stale").GetBoolean());
        Assert.InRange(activity.GetProperty("minutesSinceLastLog").GetDouble(), 1.5, 4);

        var wall = r.GetProperty("wallTime");
        Assert.Equal([1.8, 1.9], wall.GetProperty("epochHours").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(1.85, wall.GetProperty("averageEpochHours").GetDouble(), 2);
        // Work left, not time: (3 planned − 2 done − 0.265 of epoch 3) × 1.85 h = 1.36 h, on top of the 4.2 h so far.
        Assert.Equal(5.56, wall.GetProperty("projectedTotalHours").GetDouble(), 2);
        Assert.Equal(1.36, wall.GetProperty("remainingHours").GetDouble(), 2);

        var cost = r.GetProperty("cost");
        Assert.Equal(11.68, cost.GetProperty("soFar").GetDouble(), 2); // 4.2 h x $2.78
        Assert.Equal(15.46, cost.GetProperty("projectedTotal").GetDouble(), 2); // 5.56 h x $2.78

        Assert.Contains("## Training Status: mamba2-22k-ss-resumed (8za01pdm)", text);
        Assert.Contains("**State**: running | **Runtime**: 4.2h | **Cost**: ~$11.68", text);
        Assert.Contains("Epoch 3/3, batch 12000/~45283 (26.5%), batch loss 0.1234", text);
        Assert.Contains("| Metric | Epoch 1 (1.8h) | Epoch 2 (3.7h) | Epoch 3 | Target |", text);
        Assert.Contains("| val_change_acc | 75.9% ✓ | 77.1% ✓ | — | >75% |", text);
        Assert.Contains("| val_pos_mae | 0.549 ✓ | 0.531 ✓ | — | <0.55 |", text);
        Assert.Contains("| val_loss | 0.231 ✗ | 0.205 ✗ | — | <0.2 |", text);
        Assert.Contains("| rare | — | <<< |", text);
        Assert.Contains("Non-finite values (diverged?): val_action/cat_rare=NaN", text);
        Assert.Contains("| movement | 91.0% | <<< |", text);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(text), 500, 4096);

        // Fixed cost whatever the history length: at most two requests, and never a history page.
        Assert.InRange(requests.Count, 1, 2);
        Assert.Equal(2, r.GetProperty("wandbRequests").GetInt32());
        Assert.All(requests, q => Assert.DoesNotContain("history(", q.Query.Replace("sampledHistory(", "", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_id_display_name_and_url_find_the_same_run()
    {
        var byId = (await CallAsync(SeedRunId)).Report.GetProperty("run");
        Assert.Equal("run id", byId.GetProperty("matchedBy").GetString());

        var (byName, text, _) = await CallAsync(SeedRunName);
        Assert.Equal(SeedRunId, byName.GetProperty("run").GetProperty("id").GetString()); // newest of two with that name
        Assert.Equal([OlderSameNameId], byName.GetProperty("run").GetProperty("otherRunsWithSameName").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains($"⚠️ **Same name**: '{SeedRunName}' also names {OlderSameNameId} (crashed, created ", text);
        Assert.Contains($"This is the newest, {SeedRunId} (running); pass a run id to choose.", text);

        var byUrl = (await CallAsync($"https://wandb.ai/{Entity}/{Project}/runs/{FinishedRunId}/overview?nw=1")).Report.GetProperty("run");
        Assert.Equal(FinishedRunId, byUrl.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Finished_run_says_when_it_finished_and_has_nothing_left()
    {
        var (r, text, _) = await CallAsync(FinishedRunId);
        Assert.Contains("Finished 60 min ago", r.GetProperty("activity").GetProperty("verdict").GetString());
        Assert.Equal(0, r.GetProperty("wallTime").GetProperty("remainingHours").GetDouble());
        Assert.Equal(3, r.GetProperty("validation").GetProperty("epochs").GetArrayLength());
        Assert.Equal("1024", r.GetProperty("config").EnumerateArray().Single(c => c.GetProperty("label").GetString() == "batch_size").GetProperty("value").GetString());
        Assert.Contains("Finished 60 min ago", text);
    }

    [Fact]
    public async Task Run_without_the_profile_keys_says_what_is_missing_and_shows_what_it_has()
    {
        var (r, text, _) = await CallAsync(CustomRunId);
        var missing = r.GetProperty("missingKeys").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("val_metric/action_change_acc", missing);
        Assert.Contains("batch/step", missing);
        var shown = r.GetProperty("validation").GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("key").GetString()).ToList();
        Assert.Equal(["val/acc", "val/loss"], shown);
        Assert.Equal([0.5, 0.6], r.GetProperty("validation").GetProperty("metrics")[0].GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        // Epoch is logged on training rows only (0, then 1): each pass takes the last epoch logged before it.
        Assert.Equal([0.0, 1.0], r.GetProperty("validation").GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetDouble()));
        Assert.False(r.GetProperty("validation").GetProperty("epochNumbersInferred").GetBoolean());
        Assert.True(r.GetProperty("activity").GetProperty("stale").GetBoolean());
        Assert.Contains("STALE", text);
        Assert.Contains("never logged", text);
    }

    [Fact]
    public async Task A_run_without_history_costs_one_request_and_says_what_is_missing()
    {
        var (r, text, requests) = await CallAsync(OlderSameNameId);
        Assert.Single(requests);
        Assert.Equal(0, r.GetProperty("validation").GetProperty("epochs").GetArrayLength());
        Assert.StartsWith("State 'crashed', last seen", r.GetProperty("activity").GetProperty("verdict").GetString());
        Assert.Contains("No validation metrics logged.", text);
        Assert.Contains("no completed validation epoch yet, so no ETA", text);
    }

    [Fact]
    public async Task Unknown_run_is_a_clear_error()
    {
        var result = await fx.Server.CallAsync("get_run_metrics", new() { ["run"] = "nosuchrun" }, TestContext.Current.CancellationToken);
        var text = result.ErrorText();
        Assert.Contains("nosuchrun", text);
        Assert.Contains("list_recent_runs", text);
    }

    [Fact]
    public async Task Unknown_project_is_a_clear_error()
    {
        var result = await fx.Server.CallAsync("get_run_metrics", new() { ["run"] = "https://wandb.ai/shinewave/nope/runs/abc" }, TestContext.Current.CancellationToken);
        Assert.Contains("shinewave/nope was not found", result.ErrorText());
    }

    [Theory]
    [InlineData("bad\u0007name")]
    [InlineData("https://wandb.ai/only/two")]
    public async Task Malformed_run_reference_is_rejected_before_any_request(string run)
    {
        var start = DateTimeOffset.UtcNow;
        var result = await fx.Server.CallAsync("get_run_metrics", new() { ["run"] = run }, TestContext.Current.CancellationToken);
        Assert.Contains("run", result.ErrorText());
        Assert.Empty(fx.Wandb.RequestsSince(start));
    }
}
