using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.DiagnosisFixtures;

namespace CheckTraining.Mcp.Tests.Check;

/// <summary>check_training says why, through the real server over stdio against the fake W&amp;B and fake modal, in 2 W&amp;B requests.</summary>
public sealed class WhyVerdictTests(DiagnosisServerFixture fx) : FreshServerPerTest, IClassFixture<DiagnosisServerFixture>
{
    protected override CheckServerFixture Fixture => fx;

    private async Task<(JsonElement Report, string Text, List<RecordedRequest> Requests)> CheckAsync(string run)
    {
        var start = DateTimeOffset.UtcNow;
        var result = await fx.Server.CallAsync("check_training", new() { ["run"] = run }, TestContext.Current.CancellationToken);
        Assert.Empty(fx.Wandb.Violations);
        var requests = fx.Wandb.RequestsSince(start).ToList();
        Assert.True(requests.Count <= 2, $"check_training made {requests.Count} W&B requests");
        return (result.Structured(), result.Text(), requests);
    }

    [Fact]
    public async Task A_live_run_whose_GPUs_went_idle_when_it_stopped_logging_is_hung()
    {
        var app = fx.GiveAppTo(HungId);
        var (r, text, requests) = await CheckAsync(HungId);

        var verdict = r.GetProperty("verdict");
        Assert.Equal("hung", verdict.GetProperty("code").GetString());
        var summary = verdict.GetProperty("summary").GetString()!;
        Assert.StartsWith("Hung: alive (heartbeat 1 min ago) but nothing logged for 40 min and both GPUs idle (0 % over the last 10 min)", summary);
        Assert.Contains($"Modal app {app} is up and billing 2× NVIDIA H100", summary);
        var gpu = r.GetProperty("gpu");
        Assert.Equal(2, gpu.GetProperty("gpusSeen").GetInt32());
        Assert.Equal(0, gpu.GetProperty("recentUtilization").GetDouble());
        // Before the last 10 min: 96 % while it logged, then 0 % for the ~30 min since (140 of 169 minutes at 96 %), from
        // W&B's sample of the events (200 of ~720 rows, ends not kept), so within a point.
        var earlier = gpu.GetProperty("earlierUtilization").GetDouble();
        Assert.InRange(earlier, (96.0 * 140 / 169) - 1, (96.0 * 140 / 169) + 1);
        Assert.Contains("idle", gpu.GetProperty("findings").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains($"**GPU**: 2× NVIDIA H100 80GB HBM3, 0 % over the last 10 min ({Math.Round(earlier):0} % earlier in the run), memory 80 %", text);
        Assert.Contains("get_run_logs", text); // the next step names the tool that shows why
        // The events sample and the console tail rode in the report's own second request.
        Assert.Equal(2, requests.Count);
        Assert.Contains("events(samples: $eventSamples)", requests[1].Query);
        Assert.True(requests[1].Variables!["withEvents"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_silent_run_whose_GPUs_are_busy_is_stale_with_the_reason()
    {
        fx.GiveAppTo(BusyId);
        var (r, _, _) = await CheckAsync(BusyId);

        Assert.Equal("stale-app-live", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Contains("GPUs at 97 %: likely a long evaluation or a checkpoint save.", r.GetProperty("verdict").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_crashed_run_names_its_console_error_and_memory_on_the_verdict_line_and_never_leaks_a_key()
    {
        fx.GiveAppTo(CrashedId, live: false);
        var (r, text, requests) = await CheckAsync(CrashedId);

        var summary = r.GetProperty("verdict").GetProperty("summary").GetString()!;
        Assert.Equal("crashed", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.StartsWith("Crashed at epoch 2, batch 599: " + OomLine, summary);
        Assert.Contains("GPU memory was at 98 % just before", summary);
        var error = r.GetProperty("consoleError");
        Assert.Equal("cuda-out-of-memory", error.GetProperty("kind").GetString());
        Assert.Equal(8, error.GetProperty("line").GetInt64()); // 1-based: the eighth line
        Assert.DoesNotContain(FakeWandbServer.ApiKey, text);
        Assert.DoesNotContain(FakeWandbServer.ApiKey, r.GetRawText());
        Assert.True(requests[1].Variables!["withLogs"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_running_run_whose_loss_is_NaN_at_its_last_log_has_diverged()
    {
        fx.GiveAppTo(NanId);
        var (r, text, _) = await CheckAsync(NanId);

        Assert.Equal("diverged", r.GetProperty("verdict").GetProperty("code").GetString());
        var d = r.GetProperty("run").GetProperty("divergence");
        Assert.True(d.GetProperty("atLastLog").GetBoolean());
        Assert.Equal(1.0, d.GetProperty("epoch").GetDouble()); // NaN from 40 % of the way: still the first of two epochs
        Assert.InRange(d.GetProperty("step").GetInt64(), 478, 482); // the 480th training row (after no validation row yet)
        Assert.Contains("burning GPU for nothing", r.GetProperty("verdict").GetProperty("summary").GetString());
        Assert.Contains("**Diverged**: batch/loss went non-finite at epoch 1", text);
    }

    [Fact]
    public async Task The_default_baseline_rides_in_the_same_second_request()
    {
        fx.GiveAppTo(BusyId);
        var (r, text, requests) = await CheckAsync(BusyId);

        var baseline = r.GetProperty("baseline");
        Assert.Equal(BaselineId, baseline.GetProperty("baseline").GetProperty("id").GetString());
        Assert.Equal(2.0, baseline.GetProperty("latestCommonEpoch").GetDouble());
        Assert.Contains("model.arch = mamba2", baseline.GetProperty("chosenBy").GetString());
        Assert.Contains("**Baseline**: baseline-run (base0001)", text);
        Assert.Contains("val_change_acc 76.0% vs 74.0% (+2.0 pts, better)", text);
        Assert.Contains("baseline: runs(filters: $baselineFilters", requests[1].Query);
    }

    [Fact]
    public async Task A_healthy_run_reports_its_GPU_use()
    {
        fx.GiveAppTo(HealthyId);
        var (r, _, _) = await CheckAsync(HealthyId);

        Assert.Equal("healthy", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Contains("GPU: 2× NVIDIA H100 80GB HBM3, 96 % over the last 10 min (96 % earlier in the run), memory 80 %.", r.GetProperty("verdict").GetProperty("summary").GetString());
        Assert.False(r.GetProperty("verdict").GetProperty("needsAttention").GetBoolean());
    }

    [Fact]
    public async Task A_run_that_logged_a_minute_ago_with_no_live_app_points_at_the_Modal_settings()
    {
        fx.GiveAppTo(HealthyId, live: false);
        var (r, text, _) = await CheckAsync(HealthyId);

        // Its heartbeat and GPU samples are fresh and newer than the stop: alive, so never "gone" or "not matched" (issue 18).
        Assert.Equal("healthy", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.True(r.GetProperty("verdict").GetProperty("needsAttention").GetBoolean());
        var summary = r.GetProperty("verdict").GetProperty("summary").GetString()!;
        Assert.Contains("MODAL_ENVIRONMENT", summary);
        Assert.Contains("Modal:AppName", summary);
        Assert.DoesNotContain("Container gone", summary);
        Assert.Contains("get_app_status", text);
    }

    [Fact]
    public async Task A_container_that_stopped_after_the_last_log_is_gone_not_mismatched()
    {
        var app = fx.GiveAppTo(HealthyId, live: false, stoppedMinutesAgo: 0.5); // logged a minute ago, stopped half a minute ago
        var (r, _, _) = await CheckAsync(HealthyId);

        Assert.Equal("container-gone", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Contains($"its Modal app {app} is stopped", r.GetProperty("verdict").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Old_GPU_samples_are_no_evidence_of_a_busy_GPU()
    {
        fx.GiveAppTo(SilentGpuId); // silent for 40 min; its last GPU sample (97 %) is two hours old
        var (r, _, _) = await CheckAsync(SilentGpuId);

        var summary = r.GetProperty("verdict").GetProperty("summary").GetString()!;
        Assert.Equal("stale-app-live", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.DoesNotContain("GPUs at 97 %", summary);
        Assert.Contains("W&B's last GPU sample is 2 h old", summary);
    }

    [Fact]
    public async Task A_run_that_does_not_exist_is_not_found_not_unreadable()
    {
        var result = await fx.Server.CallAsync("check_training", new() { ["run"] = "no-such-run" }, TestContext.Current.CancellationToken);
        var r = result.Structured();
        Assert.Equal("not-found", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Contains("No run named 'no-such-run'", r.GetProperty("verdict").GetProperty("summary").GetString());
        Assert.DoesNotContain("could not be read", r.GetProperty("verdict").GetProperty("summary").GetString());
        Assert.Contains("list_recent_runs", result.Text());
        // W&B was read fine: the Modal part neither blames it nor lists every live app.
        Assert.DoesNotContain("could not be read", result.Text());
        Assert.DoesNotContain("| Live app |", result.Text());
        Assert.Equal(0, r.GetProperty("liveApps").GetArrayLength());
    }
}
