using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.DiagnosisFixtures;

namespace CheckTraining.Mcp.Tests.Compare;

/// <summary>compare_runs through the real server: the default baseline, a given one, the run itself, an unknown one.</summary>
public sealed class CompareRunsToolTests(DiagnosisServerFixture fx) : FreshServerPerTest, IClassFixture<DiagnosisServerFixture>
{
    protected override CheckServerFixture Fixture => fx;

    [Fact]
    public async Task The_default_baseline_is_the_newest_finished_earlier_run_with_the_same_arch_in_two_requests()
    {
        var start = DateTimeOffset.UtcNow;
        var result = await fx.Server.CallAsync("compare_runs", new() { ["run"] = BusyId }, TestContext.Current.CancellationToken);
        var r = result.Structured();
        var text = result.Text();

        Assert.Equal(BaselineId, r.GetProperty("baseline").GetProperty("id").GetString()); // not base0002: another arch, though newer
        Assert.Contains("with the same model.arch = mamba2", r.GetProperty("baselineChosenBy").GetString());
        Assert.Equal(2.0, r.GetProperty("latestCommonEpoch").GetDouble());
        var acc = r.GetProperty("validation").EnumerateArray().First(m => m.GetProperty("key").GetString() == "val_metric/action_change_acc");
        var at2 = acc.GetProperty("atLatestCommonEpoch");
        Assert.Equal(0.76, at2.GetProperty("run").GetDouble(), 6);
        Assert.Equal(0.74, at2.GetProperty("baseline").GetDouble(), 6);
        Assert.Equal(0.02, at2.GetProperty("delta").GetDouble(), 6);
        Assert.True(at2.GetProperty("better").GetBoolean());
        var loss = r.GetProperty("validation").EnumerateArray().First(m => m.GetProperty("key").GetString() == "val_loss/total");
        Assert.True(loss.GetProperty("atLatestCommonEpoch").GetProperty("better").GetBoolean()); // lower is better
        Assert.NotEmpty(r.GetProperty("lossAtProgress").EnumerateArray());
        Assert.All(r.GetProperty("lossAtProgress").EnumerateArray(), l => Assert.True(l.GetProperty("better").GetBoolean()));
        var keys = r.GetProperty("configDifferences").EnumerateArray().Select(d => d.GetProperty("key").GetString()).ToList();
        Assert.Equal(["model.d_model", "training.lr"], keys.Where(k => k is "model.d_model" or "training.lr"));
        Assert.DoesNotContain("model.arch", keys);
        // A credential in the config differs too, and its values never leave the server.
        var token = r.GetProperty("configDifferences").EnumerateArray().Single(d => d.GetProperty("key").GetString() == "hf_token");
        Assert.Equal("[redacted]", token.GetProperty("run").GetString());
        Assert.Equal("[redacted]", token.GetProperty("baseline").GetString());
        Assert.DoesNotContain("Secret000", result.Text() + r.GetRawText());
        Assert.True(r.GetProperty("pace").GetProperty("runEpochCost").GetDouble() > 0);
        Assert.Contains("val_change_acc 76.0% vs 74.0% (+2.0 pts, better)", text);

        var requests = fx.Wandb.RequestsSince(start);
        Assert.Equal(2, requests.Count);
        var filter = requests[1].Variables!["baselineFilters"]!.GetValue<string>();
        Assert.Contains("\"config.model.arch\":\"mamba2\"", filter);
        Assert.Contains("\"state\":\"finished\"", filter);
        Assert.Contains("\"$lt\"", filter);
        Assert.Contains($"\"$ne\":\"{BusyId}\"", filter);
        Assert.Empty(fx.Wandb.Violations);
    }

    [Fact]
    public async Task A_given_baseline_by_display_name_is_used_and_said()
    {
        var result = await fx.Server.CallAsync("compare_runs", new() { ["run"] = BusyId, ["baseline"] = "other-arch" }, TestContext.Current.CancellationToken);
        var r = result.Structured();
        Assert.Equal(OtherArchBaselineId, r.GetProperty("baseline").GetProperty("id").GetString());
        Assert.Equal("given: other-arch", r.GetProperty("baselineChosenBy").GetString());
        Assert.Contains(r.GetProperty("configDifferences").EnumerateArray(), d => d.GetProperty("key").GetString() == "model.arch"
            && d.GetProperty("run").GetString() == "mamba2" && d.GetProperty("baseline").GetString() == "transformer");
    }

    [Fact]
    public async Task The_run_itself_is_refused_before_any_history_is_read()
    {
        var start = DateTimeOffset.UtcNow;
        var result = await fx.Server.CallAsync("compare_runs", new() { ["run"] = BusyId, ["baseline"] = BusyId }, TestContext.Current.CancellationToken);
        Assert.Contains($"baseline '{BusyId}' is the run itself", result.ErrorText());
        Assert.Single(fx.Wandb.RequestsSince(start));
    }

    [Fact]
    public async Task An_unknown_baseline_is_named()
    {
        var result = await fx.Server.CallAsync("compare_runs", new() { ["run"] = BusyId, ["baseline"] = "nope-run" }, TestContext.Current.CancellationToken);
        var error = result.ErrorText();
        Assert.Contains("No baseline run named 'nope-run'", error);
        Assert.Contains("list_recent_runs", error);
    }

    [Fact]
    public async Task No_default_baseline_says_how_to_choose_one()
    {
        // The baseline itself is the oldest mamba2 run: nothing finished came before it.
        var result = await fx.Server.CallAsync("compare_runs", new() { ["run"] = BaselineId }, TestContext.Current.CancellationToken);
        var error = result.ErrorText();
        Assert.Contains("No baseline: no finished run created before this one with the same model.arch = mamba2", error);
        Assert.Contains("Pass baseline=", error);
    }

    [Fact]
    public async Task Plot_run_overlays_the_baseline_dashed_from_the_same_request()
    {
        var start = DateTimeOffset.UtcNow;
        var result = await fx.Server.CallAsync("plot_run", new() { ["run"] = BusyId, ["baseline"] = "previous" }, TestContext.Current.CancellationToken);
        var r = result.Structured();
        Assert.Equal(BaselineId, r.GetProperty("baseline").GetProperty("id").GetString());
        Assert.Contains(r.GetProperty("series").EnumerateArray(), s => s.GetProperty("panel").GetString() == "training (baseline)");
        Assert.Contains(result.Content, c => c is ModelContextProtocol.Protocol.ImageContentBlock);
        Assert.Equal(2, fx.Wandb.RequestsSince(start).Count);
    }
}
