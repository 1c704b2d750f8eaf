using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.LoggingStyleFixtures;

namespace CheckTraining.Mcp.Tests.Tools;

/// <summary>One epoch column per validation pass, whatever the logging style: through the real server over stdio.</summary>
public sealed class LoggingStyleTests(WandbServerFixture fx) : IClassFixture<WandbServerFixture>
{
    private async Task<(JsonElement Report, string Text, int Requests)> MetricsAsync(string id)
    {
        var start = DateTimeOffset.UtcNow;
        var result = await fx.Server.CallAsync("get_run_metrics", new() { ["run"] = Url(fx.Wandb.BaseUrl, id) }, TestContext.Current.CancellationToken);
        Assert.Empty(fx.Wandb.Violations);
        return (result.Structured(), result.Text(), fx.Wandb.RequestsSince(start).Count);
    }

    private static List<double> Epochs(JsonElement r) =>
        r.GetProperty("validation").GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("epoch").GetDouble()).ToList();

    private static List<double?> Values(JsonElement r, string key) =>
        r.GetProperty("validation").GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("key").GetString() == key)
            .GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToList();

    /// <remarks>
    /// The only test here that reads this run: the server caches W&amp;B's answers, so a second reader, run first, would
    /// serve this one's reads and the request count would say 0. The cost on the run's own GPUs is asserted on the same read.
    /// </remarks>
    [Fact]
    public async Task Split_validation_of_a_finished_run_gives_one_column_per_epoch_priced_on_its_own_GPUs()
    {
        var (r, text, requests) = await MetricsAsync(SplitFinishedId);

        Assert.Equal(2, requests);
        Assert.Equal([1.0, 2.0, 3.0], Epochs(r));
        Assert.Equal(SplitFinishedValues.Select(v => (double?)v.Acc), Values(r, "val_metric/action_change_acc"));
        Assert.Equal(SplitFinishedValues.Select(v => (double?)v.Mae), Values(r, "val_metric/position_mae"));
        Assert.Equal(SplitFinishedValues.Select(v => (double?)v.Loss), Values(r, "val_loss/total"));
        // Headline metrics and the loss came in two calls (categories, the third call, are read from the summary).
        Assert.All(r.GetProperty("validation").GetProperty("epochs").EnumerateArray(), e => Assert.Equal(2, e.GetProperty("logCalls").GetInt32()));
        Assert.Contains("### Validation (3 epoch(s) complete)", text);
        // Wall time per epoch comes from the three passes, not from nine rows: 6 h over 3 epochs.
        var wall = r.GetProperty("wallTime");
        Assert.Equal(3, wall.GetProperty("epochHours").GetArrayLength());
        Assert.Equal(2.0, wall.GetProperty("averageEpochHours").GetDouble(), 1);
        // 30,000 loss rows: sampled, and the trend still reads the whole run.
        var loss = r.GetProperty("loss");
        Assert.True(loss.GetProperty("sampled").GetBoolean());
        Assert.InRange(loss.GetProperty("points").GetInt32(), 900, 1010); // W&B's sample, and a few of the newest rows read whole beside it
        Assert.StartsWith("falling", loss.GetProperty("trend").GetString());
        Assert.InRange(loss.GetProperty("shape").GetArrayLength(), 12, 24);

        var cost = r.GetProperty("cost");
        var priced = cost.GetProperty("pricedAs");
        Assert.Equal("H100", priced.GetProperty("gpu").GetString());
        Assert.Equal(2, priced.GetProperty("count").GetInt32());
        Assert.False(priced.GetProperty("fallback").GetBoolean());
        var hours = r.GetProperty("runtimeHours").GetDouble();
        Assert.Equal(Math.Round(hours * 3.95 * 2, 2), cost.GetProperty("soFar").GetDouble(), 1);
        Assert.Contains("(2× H100 at $3.95/h)", text);
    }

    [Fact]
    public async Task Split_validation_in_the_second_epoch_shows_epoch_one_only()
    {
        var (r, text, _) = await MetricsAsync(SplitRunningId);

        Assert.Equal([1.0], Epochs(r));
        Assert.Equal([0.759], Values(r, "val_metric/action_change_acc"));
        Assert.Equal([0.549], Values(r, "val_metric/position_mae"));
        Assert.Equal([0.231], Values(r, "val_loss/total"));
        Assert.Contains("### Validation (1 epoch(s) complete)", text);
        Assert.Contains("| val_change_acc | 75.9% ✓ | — | — | >75% |", text);
        Assert.Contains("| val_loss | 0.231 ✗ | — | — | <0.2 |", text);
    }

    [Fact]
    public async Task A_resumed_run_counts_passes_per_epoch_and_keeps_the_latest()
    {
        var (r, text, _) = await MetricsAsync(ResumedId);

        Assert.Equal(ResumedExpected.Select(e => e.Epoch), Epochs(r));
        Assert.Equal(ResumedExpected.Select(e => (double?)e.Acc), Values(r, "val_metric/action_change_acc"));
        Assert.Equal(ResumedExpected.Select(e => (double?)e.Loss), Values(r, "val_loss/total"));
        Assert.Contains("Epoch 2 was validated more than once", text);
        Assert.Equal(3, r.GetProperty("progress").GetProperty("epoch").GetDouble());
    }

    [Fact]
    public async Task A_run_without_GPU_info_says_the_fallback_rate_was_used()
    {
        var (r, text, _) = await MetricsAsync(SplitRunningId);

        Assert.True(r.GetProperty("cost").GetProperty("pricedAs").GetProperty("fallback").GetBoolean());
        Assert.Contains("at the fallback $2.78/h", text);
        Assert.Contains("W&B reported no GPU for this run", text);
    }
}
