using System.Text;
using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Check;

/// <summary>check_training end to end: real server over stdio, fake W&amp;B over HTTP, fake modal as a child process.</summary>
public sealed class CheckTrainingToolTests(CheckServerFixture fx) : FreshServerPerTest, IClassFixture<CheckServerFixture>
{
    protected override CheckServerFixture Fixture => fx;

    private const string LiveAppId = "ap-AbCdEfGhIjKlMnOpQrStUv";
    private const string StoppedAppId = "ap-ZyXwVuTsRqPoNmLkJiHgFe";

    private async Task<(JsonElement Report, string Text, int WandbRequests, List<string[]> Modal)> CheckAsync(Dictionary<string, object?>? args = null)
    {
        var start = DateTimeOffset.UtcNow;
        var modalBefore = fx.Modal.OwnInvocations.Count;
        var result = await fx.Server.CallAsync("check_training", args, TestContext.Current.CancellationToken);
        Assert.Empty(fx.Wandb.Violations);
        return (result.Structured(), result.Text(), fx.Wandb.RequestsSince(start).Count, fx.Modal.OwnInvocations.Skip(modalBefore).ToList());
    }

    [Fact]
    public async Task A_healthy_run_in_one_call_with_its_own_app_and_checkpoints()
    {
        fx.Modal.AddCheckpoint(SeedRunName, "latest.pt", 2048);
        var (r, text, wandbRequests, modal) = await CheckAsync(new() { ["include_checkpoints"] = true });

        Assert.Equal("healthy", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.StartsWith("**Verdict**: ✅ Healthy", text);
        var app = r.GetProperty("app");
        Assert.Equal(LiveAppId, app.GetProperty("app").GetProperty("appId").GetString());
        Assert.Contains("min after the W&B run", app.GetProperty("matchedBy").GetString());
        Assert.Empty(r.GetProperty("liveApps").EnumerateArray()); // its own app only: another live app (a deployed one) is no concern of it
        Assert.Equal(SeedRunId, r.GetProperty("run").GetProperty("run").GetProperty("id").GetString());
        Assert.Equal("latest.pt", r.GetProperty("checkpoints").GetProperty("files")[0].GetProperty("name").GetString());

        // The budget: at most 2 W&B requests, one app list and one volume listing.
        Assert.Equal(2, wandbRequests);
        Assert.Equal(2, modal.Count);
        Assert.Contains(modal, a => a is ["app", "list", "--json"]);
        Assert.Contains(modal, a => a is ["volume", "ls", "--json", "--", FakeModal.Volume, "/checkpoints/" + SeedRunName]);

        // The seed's report format, compact, with the run's own app line and its data's age.
        Assert.Contains($"**Modal app**: melee-train ({LiveAppId})", text);
        Assert.Contains("### Validation (2 epoch(s) complete)", text);
        Assert.Contains("### Checkpoints", text);
        Assert.Contains("as of ", text);
        Assert.InRange(Encoding.UTF8.GetByteCount(text), 500, 4096);
    }

    [Fact]
    public async Task Without_checkpoints_it_makes_no_volume_listing()
    {
        var (r, _, wandbRequests, modal) = await CheckAsync();

        Assert.True(r.IsAbsentOrNull("checkpoints"));
        Assert.Equal(2, wandbRequests);
        Assert.Equal([["app", "list", "--json"]], modal);
    }

    [Fact]
    public async Task A_stale_run_with_no_live_app_says_the_container_is_gone()
    {
        fx.Modal.SetApps((StoppedAppId, "melee-train", "stopped", 0, fx.Now.AddHours(-30), fx.Now.AddHours(-26)));
        var (r, text, _, _) = await CheckAsync(new() { ["run"] = CustomRunId });

        Assert.Equal("container-gone", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.StartsWith("**Verdict**: ⚠️ Container gone: W&B still says running", text);
        Assert.Contains("Modal lists no live app for it", text);
        Assert.Contains("heartbeat times out", text);
        Assert.True(r.GetProperty("app").IsAbsentOrNull("app"));
        Assert.Contains("none matched", text);
    }

    [Fact]
    public async Task A_stale_run_whose_app_is_up_may_be_hung()
    {
        // The custom run went silent 30 min ago; an app created 3 min before it is still up.
        fx.Modal.SetApps(("ap-CustomLiveAppAAAAAAAAA", "melee-train", "ephemeral (detached)", 1, fx.Now.AddHours(-5).AddMinutes(-3), null));
        var (r, text, _, _) = await CheckAsync(new() { ["run"] = CustomRunId });

        Assert.Equal("stale-app-live", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Contains("may be hung, or in a long evaluation", text);
    }

    [Fact]
    public async Task A_crashed_run_is_matched_to_its_stopped_app()
    {
        var (r, text, _, _) = await CheckAsync(new() { ["run"] = LoggingStyleFixtures.Url(fx.Wandb.BaseUrl, LoggingStyleFixtures.CrashedId) });

        Assert.Equal("crashed", r.GetProperty("verdict").GetProperty("code").GetString());
        var app = r.GetProperty("app");
        Assert.Equal(StoppedAppId, app.GetProperty("app").GetProperty("appId").GetString());
        Assert.StartsWith("created 2 min before the W&B run", app.GetProperty("matchedBy").GetString());
        Assert.Contains($"Its Modal app {StoppedAppId} is stopped", text);
    }

    [Fact]
    public async Task A_finished_run_whose_app_still_holds_a_GPU_is_flagged()
    {
        fx.Modal.SetApps(("ap-FinishedButStillUpAAAA", "melee-train", "ephemeral (detached)", 1, fx.Now.AddHours(-7).AddMinutes(-4), null));
        var (r, text, _, _) = await CheckAsync(new() { ["run"] = FinishedRunId });

        Assert.Equal("gpu-still-held", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Contains("GPU may still be billed: W&B says finished", text);
        Assert.Contains("this server never stops anything", text);
    }

    [Fact]
    public async Task Only_apps_with_the_configured_name_are_candidates_and_the_window_is_honoured()
    {
        // An app created 20 minutes before the run is outside the default window (15 min before to 5 after).
        fx.Modal.SetApps(("ap-TooEarlyAAAAAAAAAAAAAAA", "melee-train", "ephemeral (detached)", 1, fx.Now.AddHours(-4.2).AddMinutes(-22), null));
        var (r, _, _, _) = await CheckAsync();

        Assert.True(r.GetProperty("app").IsAbsentOrNull("app"));
        Assert.Contains("No app was created within 15 min before to 5 min after", r.GetProperty("app").GetProperty("matchedBy").GetString());
    }

    [Fact]
    public async Task When_Modal_fails_the_W_and_B_sections_still_come_back()
    {
        fx.Modal.Scenario = "unauthenticated";
        var result = await fx.Server.CallAsync("check_training", null, TestContext.Current.CancellationToken);
        var r = result.Structured(); // not isError: one backend still answered
        var text = result.Text();

        Assert.True(r.IsAbsentOrNull("app"));
        Assert.Equal("NotAuthenticated", r.GetProperty("appError").GetProperty("kind").GetString());
        Assert.Contains("modal token new", text);
        Assert.DoesNotContain("ak-SECRETTOKEN123", text);
        Assert.Equal(SeedRunId, r.GetProperty("run").GetProperty("run").GetProperty("id").GetString());
        Assert.Contains("### Validation (2 epoch(s) complete)", text);
        Assert.Contains("Modal could not be read", r.GetProperty("verdict").GetProperty("summary").GetString());
    }

    [Fact]
    public async Task When_W_and_B_fails_the_Modal_section_still_comes_back()
    {
        fx.Wandb.EnqueueStatus(401);
        var result = await fx.Server.CallAsync("check_training", null, TestContext.Current.CancellationToken);
        var r = result.Structured();
        var text = result.Text();

        Assert.Equal("Unauthorized", r.GetProperty("runError").GetProperty("kind").GetString());
        Assert.Contains("WANDB_API_KEY", text);
        Assert.Equal("unknown", r.GetProperty("verdict").GetProperty("code").GetString());
        Assert.Equal(2, r.GetProperty("app").GetProperty("liveCandidates").GetInt32());
        Assert.Contains("**W&B**: unavailable", text);
        // Not just a count: the live apps themselves, with id, state, tasks and uptime.
        Assert.Equal([LiveAppId, "ap-Dep1oyedAppWithZeroTsk"], r.GetProperty("liveApps").EnumerateArray().Select(a => a.GetProperty("appId").GetString()));
        Assert.Contains($"melee-train ({LiveAppId}, ephemeral (detached), 1 task(s), up 4.2 h)", r.GetProperty("verdict").GetProperty("summary").GetString());
        Assert.Contains($"| melee-train | {LiveAppId} | ephemeral (detached) | 1 | 4.2h |", text);
        Assert.DoesNotContain("### Links", text); // no empty headings
    }

    [Fact]
    public async Task When_both_fail_the_result_is_an_error_naming_both_fixes()
    {
        fx.Modal.Scenario = "unauthenticated";
        fx.Wandb.EnqueueStatus(401);
        var result = await fx.Server.CallAsync("check_training", new() { ["include_checkpoints"] = true }, TestContext.Current.CancellationToken);
        var text = result.ErrorText();

        Assert.Contains("Neither W&B nor Modal could be read", text);
        Assert.Contains("WANDB_API_KEY", text);
        Assert.Contains("modal token new", text);
    }

    [Fact]
    public async Task A_bad_run_reference_is_refused_before_anything_runs()
    {
        var before = fx.Modal.OwnInvocations.Count;
        var start = DateTimeOffset.UtcNow;
        var result = await fx.Server.CallAsync("check_training", new() { ["run"] = "bad\u0007name" }, TestContext.Current.CancellationToken);

        Assert.Contains("run must be", result.ErrorText());
        Assert.Empty(fx.Wandb.RequestsSince(start));
        Assert.Equal(before, fx.Modal.OwnInvocations.Count);
    }
}
