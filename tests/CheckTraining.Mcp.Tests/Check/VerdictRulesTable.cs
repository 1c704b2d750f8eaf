using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Check;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Tests.Check;

/// <summary>
/// The verdict, one row per verdict code and run shape, on facts built directly (the process suite is the smoke layer
/// over the same rules). Each row also says what the summary must never suggest: above all, stopping an app that hosts
/// live runs.
/// </summary>
public sealed class VerdictRulesTable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    public sealed record Shape(string State, double LastLogMinutes, bool Stale, string? AppPhase, int? Tasks = 1, bool FreshGpu = true,
        double GpuUtil = 95, bool NaNAtEnd = false, string[]? Siblings = null, bool Resumed = false, string? Console = null, bool Unread = false,
        bool NotFound = false, string? ActivityVerdict = null, bool HeartbeatFresh = false, bool SampledCurve = false);

    public static TheoryData<string, Shape, string, bool, string?, string?> Rows => new()
    {
        // shape, facts, code, needs attention, summary contains, summary never contains
        { "running, logging, app up, GPUs busy", new("running", 1, false, "active"), "healthy", false, "Healthy: running", "stop" },
        { "resumed, matched to its new app", new("running", 1, false, "active", Resumed: true), "healthy", false, "resumed", "container" },
        {
            "running, silent for an hour, app up, GPUs idle", new("running", 60, true, "active", GpuUtil: 0, HeartbeatFresh: true),
            "hung", true, "Hung", "STALE"
        },
        {
            "running, silent for an hour, app up, GPUs idle, heartbeat old too", new("running", 60, true, "active", GpuUtil: 0),
            "stale-app-live", true, "the process may have died inside a live container", "stop"
        },
        { "NaN loss at the last log, app up", new("running", 1, false, "active", NaNAtEnd: true), "diverged", true, "Diverged", "falling" },
        { "running on W&B, the app stopped, nothing fresh", new("running", 90, true, "stopped", Tasks: 0, FreshGpu: false), "container-gone", true, null, null },
        {
            "running on W&B, no app listed, heartbeat and GPU fresh: alive, never 'gone'",
            new("running", 1, false, null), "healthy", true, "no live Modal app matches it", "container-gone"
        },
        { "finished, app stopped", new("finished", 60 * 26, false, "stopped", Tasks: 0), "finished", false, "Finished", "Finished: Finished" },
        {
            "finished, its app still up and holding a GPU", new("finished", 30, false, "active"),
            "gpu-still-held", true, "GPU may still be billed", null
        },
        {
            "a crashed sweep trial whose app runs three live siblings", new("crashed", 39, false, "active", Tasks: 3, Siblings: ["t2", "t3", "t4"], Console: "torch.OutOfMemoryError: CUDA out of memory."),
            "crashed", true, "OutOfMemoryError", "`modal app stop`"
        },
        { "crashed, app stopped", new("crashed", 89, false, "stopped", Tasks: 0, Console: "RuntimeError: boom"), "crashed", true, "RuntimeError: boom", ".." },
        {
            "crashed with no console error: W&B's state as an aside", new("crashed", 89, false, "stopped", Tasks: 0),
            "crashed", true, "Crashed at epoch 2, batch 1200 (state 'crashed', last seen 89 min ago).", ": State"
        },
        {
            "crashed on W&B with a fresh heartbeat and no console error: W&B named as it is spelled", new("crashed", 2, false, null,
                ActivityVerdict: "W&B says crashed, but the last heartbeat was 2 min ago: it may still be training; check its Modal app."),
            "crashed", true, "Crashed at epoch 2, batch 1200: W&B says crashed, but the last heartbeat was 2 min ago", "w&B"
        },
        {
            "NaN loss on a sampled curve: one parenthesis for when and how sure", new("running", 1, false, "active", NaNAtEnd: true, SampledCurve: true),
            "diverged", true, "has been non-finite since epoch 1.4, step 4800 (2 h ago; the curve is sampled, so perhaps a little earlier) and still is at the last log", ") ("
        },
        { "W&B unreadable", new("running", 0, false, "active", Unread: true), "unknown", true, "W&B could not be read", null },
        { "no such run: Modal's apps say nothing about it", new("running", 0, false, "active", NotFound: true), "not-found", true, "Not found", "live app" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_shape_gets_its_verdict(string shape, Shape s, string code, bool attention, string? says, string? never)
    {
        var v = VerdictRules.Decide(Facts(s));
        Assert.True(code == v.Code, $"{shape}: {v.Code} ({v.Summary})");
        Assert.True(attention == v.NeedsAttention, $"{shape}: needs attention {v.NeedsAttention} ({v.Summary})");
        if (says is not null)
        {
            Assert.Contains(says, v.Summary);
        }

        if (never is not null)
        {
            Assert.DoesNotContain(never, v.Summary);
        }
    }

    private static VerdictFacts Facts(Shape s)
    {
        if (s.Unread || s.NotFound)
        {
            var failure = s.NotFound ? new SectionFailure("wandb", "RunNotFound", "no run 'nope' in shinewave/melee") : new SectionFailure("wandb", "Network", "timed out");
            return new VerdictFacts(null, failure, Match(s), [App(s)!], null, null, 30, []);
        }

        return new VerdictFacts(Report(s), null, Match(s), s.AppPhase is "active" ? [App(s)!] : [], Gpu(s),
            s.Console is { } c ? new ConsoleError(412, c, "exception") : null, 30,
            (s.Siblings ?? []).Select(id => new RunSibling(id, id, "running")).ToList());
    }

    private static AppView? App(Shape s) => s.AppPhase is not { } phase ? null
        : new AppView("ap-Own", "melee-train", phase == "active" ? "ephemeral (detached)" : "stopped", phase, s.Tasks, Now.AddHours(-5),
            phase == "active" ? null : Now.AddHours(-1), 5, 4, phase == "active");

    private static AppMatch Match(Shape s) => new(App(s), App(s) is null ? "No app was created within 15 min before to 5 min after the W&B run's creation (0 app(s) listed, 0 live)." :
        s.Resumed ? "created 3 min before the run's latest resume (window: 15 min before to 5 min after)" : "created 2 min before the W&B run's creation (window: 15 min before to 5 min after)",
        App(s) is null ? null : -2, App(s) is null ? 0 : 1, App(s) is { IsLive: true } ? 1 : 0, Now);

    private static GpuUsage Gpu(Shape s)
    {
        var age = s.FreshGpu ? 0.5 : 120;
        var findings = s.GpuUtil < 5 ? new[] { "idle" } : [];
        return new GpuUsage(2, "NVIDIA H100 80GB HBM3", 120, s.GpuUtil, s.GpuUtil, s.GpuUtil, null, 70, 72, Now.AddMinutes(-age), 600,
            Now.AddMinutes(-age), age, 10, findings);
    }

    private static RunMetricsReport Report(Shape s)
    {
        var lastLog = Now.AddMinutes(-s.LastLogMinutes);
        var heartbeat = s.State == "running" && (!s.Stale || s.HeartbeatFresh) ? 0.5 : s.LastLogMinutes;
        var verdict = s.ActivityVerdict ?? s.State switch
        {
            "running" when s.Stale => $"STALE: last log {s.LastLogMinutes} min ago",
            "running" => "Live: last log 1 min ago, last heartbeat 1 min ago.",
            "finished" => "Finished 26 hours ago.",
            _ => $"State '{s.State}', last seen {s.LastLogMinutes} min ago.",
        };
        var price = new GpuPrice("H100", "NVIDIA H100 80GB HBM3", 2, true, 3.95, false);
        return new RunMetricsReport(
            new RunIdentity("run1", "melee-run", "shinewave", "melee", s.State, "https://wandb.ai/shinewave/melee/runs/run1", Now.AddHours(-5), "id", []),
            Now, 4.5, [], new RunProgress(2, 5, 1200, 4000, 30, s.NaNAtEnd ? double.NaN : 0.4),
            new ValidationTable([new ValidationEpoch(1, 1000, 2, Now.AddHours(-3), 1)], [], false, false),
            new LossTrend("batch/loss", 500, false, 2.0, s.NaNAtEnd ? null : 0.4, 0.4, null, s.NaNAtEnd ? "non-finite" : "falling", null, s.NaNAtEnd),
            s.NaNAtEnd ? new Divergence("batch/loss", 4800, 1.4, Now.AddHours(-2), 120, true, s.SampledCurve) : null,
            new CategoryAccuracy(0.5, [], 0, false),
            new RunActivity(lastLog, s.LastLogMinutes, Now.AddMinutes(-heartbeat), heartbeat, s.Stale, verdict),
            new WallTime([2], 2, 10, 5.5, s.State == "running" ? Now.AddHours(5.5) : null),
            new CostEstimate(price, 35.55, 79), [], [], [], 2,
            s.Resumed ? new RunResume(Now.AddMinutes(-31), 31, 67, true) : null);
    }
}
