using System.Buffers.Binary;
using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Protocol;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Plots;

/// <summary>plot_run through the real server over stdio: a PNG of the stated size, series that match the fixtures, requests kept.</summary>
public sealed class PlotRunToolTests(WandbServerFixture fx) : IClassFixture<WandbServerFixture>
{
    private async Task<(CallToolResult Result, JsonElement Report, int Requests)> PlotAsync(Dictionary<string, object?>? args)
    {
        var start = DateTimeOffset.UtcNow;
        var result = await fx.Server.CallAsync("plot_run", args, TestContext.Current.CancellationToken);
        Assert.Empty(fx.Wandb.Violations);
        return (result, result.Structured(), fx.Wandb.RequestsSince(start).Count);
    }

    /// <summary>Width and height from the PNG's IHDR chunk, after checking the signature.</summary>
    internal static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    private static byte[] Image(CallToolResult result)
    {
        var image = Assert.Single(result.Content.OfType<ImageContentBlock>());
        Assert.Equal("image/png", image.MimeType);
        return image.DecodedData.ToArray();
    }

    [Fact]
    public async Task The_finished_run_is_a_png_whose_series_match_the_fixture()
    {
        var (result, r, requests) = await PlotAsync(new() { ["run"] = FinishedRunId });

        Assert.Equal(2, requests); // the run, then one sampled history: the metrics path's own reads
        var png = Image(result);
        Assert.Equal((900, 500), PngSize(png));
        Assert.InRange(png.Length, 5_000, 300_000);
        Assert.Equal(png.Length, r.GetProperty("image").GetProperty("bytes").GetInt32());
        Assert.Contains("Chart of transformer-10k", result.Text());

        // The fixture's own rows, not the server's arithmetic: batch/loss is 0.3 on every non-validation row.
        var run = fx.Wandb.Data.Project(Entity, Project).Single(x => x.Id == FinishedRunId);
        var losses = run.History.Where(h => h.ContainsKey("batch/loss")).Select(h => (double)h["batch/loss"]!).ToList();
        var series = r.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!);
        var loss = series["batch/loss"];
        Assert.Equal("training", loss.GetProperty("panel").GetString());
        Assert.Equal(losses.Count, loss.GetProperty("points").GetInt32());
        Assert.Equal(losses.Min(), loss.GetProperty("min").GetDouble());
        Assert.False(loss.GetProperty("sampled").GetBoolean());

        var expected = run.History.Where(h => h.ContainsKey("val_loss/total")).Select(h => (double)h["val_loss/total"]!).ToList();
        var validation = series["val_loss/total"];
        Assert.Equal("validation", validation.GetProperty("panel").GetString());
        Assert.Equal(expected, validation.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(0.20, validation.GetProperty("target").GetDouble());
        Assert.Equal("epochs", r.GetProperty("xAxis").GetString());
        Assert.Equal([1.0, 2.0], r.GetProperty("epochBoundaries").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public async Task A_sampled_history_says_so_in_the_picture_and_the_summary()
    {
        var (result, r, requests) = await PlotAsync(new() { ["run"] = LoggingStyleFixtures.Url(fx.Wandb.BaseUrl, LoggingStyleFixtures.SplitFinishedId) });

        Assert.Equal(2, requests);
        Assert.Equal((900, 500), PngSize(Image(result)));
        var loss = r.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "batch/loss");
        Assert.True(loss.GetProperty("sampled").GetBoolean());
        Assert.Contains("sampled by W&B", result.Text());
    }

    [Fact]
    public async Task A_run_with_no_history_gets_a_clear_message_and_no_picture()
    {
        var (result, r, _) = await PlotAsync(new() { ["run"] = OlderSameNameId });

        Assert.Empty(result.Content.OfType<ImageContentBlock>());
        Assert.True(r.IsAbsentOrNull("image"));
        Assert.Contains("no history to plot yet", result.Text());
    }

    [Fact]
    public async Task A_diverged_run_is_drawn_without_its_NaN_values_and_says_so()
    {
        var (result, r, requests) = await PlotAsync(new() { ["run"] = LoggingStyleFixtures.Url(fx.Wandb.BaseUrl, LoggingStyleFixtures.DivergedId) });

        Assert.Equal(2, requests);
        Assert.Equal((900, 500), PngSize(Image(result)));
        var loss = r.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "batch/loss");
        var run = fx.Wandb.Data.Project(Entity, LoggingStyleFixtures.Project).Single(x => x.Id == LoggingStyleFixtures.DivergedId);
        var values = run.History.Where(h => h.ContainsKey("batch/loss")).Select(h => (double)h["batch/loss"]!).ToList();
        Assert.Equal(values.Count(double.IsFinite), loss.GetProperty("points").GetInt32());
        Assert.Equal(values.Count(double.IsNaN), loss.GetProperty("nonFinite").GetInt32());
        Assert.Contains("non-finite value(s)", result.Text());
        Assert.Contains("may have diverged", result.Text());
    }

    [Fact]
    public async Task Chosen_metrics_are_plotted_and_unknown_ones_named()
    {
        // The custom run logs "loss" (not the profile's batch/loss) and val/acc; ask for those and one it never logged.
        var (result, r, requests) = await PlotAsync(new() { ["run"] = CustomRunId, ["metrics"] = new[] { "loss", "val/acc", "nope/never" } });

        Assert.Equal(2, requests);
        Assert.Equal((900, 500), PngSize(Image(result)));
        var keys = r.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("key").GetString()).ToList();
        Assert.Equal(["loss", "val/acc"], keys.Order());
        Assert.Contains("'nope/never' was never logged", result.Text());
    }

    [Fact]
    public async Task A_resumed_run_keeps_the_latest_pass_per_epoch()
    {
        var (result, r, _) = await PlotAsync(new() { ["run"] = LoggingStyleFixtures.Url(fx.Wandb.BaseUrl, LoggingStyleFixtures.ResumedId) });

        Assert.Equal((900, 500), PngSize(Image(result)));
        var acc = r.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "val_metric/action_change_acc");
        Assert.Equal(LoggingStyleFixtures.ResumedExpected.Select(e => e.Acc), acc.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task Bad_metrics_are_refused_with_the_rule()
    {
        var result = await fx.Server.CallAsync("plot_run", new() { ["metrics"] = Enumerable.Range(0, 9).Select(i => $"k{i}").ToArray() },
            TestContext.Current.CancellationToken);
        Assert.Contains("up to 8", result.ErrorText());
    }

    /// <summary>Regenerates the README's example chart from the fixtures: CHECKTRAINING_WRITE_DOCS=1 dotnet test --filter Readme_chart.</summary>
    [Fact]
    public async Task Readme_chart()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("CHECKTRAINING_WRITE_DOCS") == "1", "set CHECKTRAINING_WRITE_DOCS=1 to regenerate docs/plot_run.png");
        var (result, _, _) = await PlotAsync(new() { ["run"] = LoggingStyleFixtures.Url(fx.Wandb.BaseUrl, LoggingStyleFixtures.SplitFinishedId) });
        Directory.CreateDirectory(Path.Combine(RepoPaths.RepoRoot, "docs"));
        await File.WriteAllBytesAsync(Path.Combine(RepoPaths.RepoRoot, "docs", "plot_run.png"), Image(result), TestContext.Current.CancellationToken);
    }
}
