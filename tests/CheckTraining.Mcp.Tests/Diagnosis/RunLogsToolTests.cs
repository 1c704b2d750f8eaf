using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.DiagnosisFixtures;

namespace CheckTraining.Mcp.Tests.Diagnosis;

/// <summary>get_run_logs through the real server: W&amp;B's console first, the run's Modal app when W&amp;B has none.</summary>
public sealed class RunLogsToolTests(DiagnosisServerFixture fx) : FreshServerPerTest, IClassFixture<DiagnosisServerFixture>
{
    protected override CheckServerFixture Fixture => fx;

    [Fact]
    public async Task A_crashed_runs_console_names_the_error_on_top_and_redacts_every_secret()
    {
        var start = DateTimeOffset.UtcNow;
        var modalBefore = fx.Modal.OwnInvocations.Count;
        var result = await fx.Server.CallAsync("get_run_logs", new() { ["run"] = CrashedId, ["tail"] = 50 }, TestContext.Current.CancellationToken);
        var r = result.Structured();
        var text = result.Text();

        var console = r.GetProperty("console");
        Assert.Equal("W&B console", console.GetProperty("source").GetString());
        Assert.Equal(OomLine, console.GetProperty("error").GetProperty("text").GetString());
        Assert.Equal(8, console.GetProperty("error").GetProperty("line").GetInt64()); // 1-based: the eighth line
        Assert.Equal(8, console.GetProperty("lines").GetArrayLength());
        Assert.Equal("stderr", console.GetProperty("lines")[7].GetProperty("stream").GetString());
        // The key it printed, a token-shaped string, and *_TOKEN= assignments never leave the server.
        foreach (var secret in new[] { FakeWandbServer.ApiKey, LeakedToken, "hf_abcdefghijklmnop", "ak-AbCdEfGhIjKlMnOp12" })
        {
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(secret, r.GetRawText());
        }

        Assert.Contains("WANDB_API_KEY=[redacted]", text);
        Assert.Equal(4, console.GetProperty("redactions").GetInt32());
        Assert.True(text.IndexOf("**Console error**", StringComparison.Ordinal) < text.IndexOf("```", StringComparison.Ordinal), "the error comes above the lines");
        var requests = fx.Wandb.RequestsSince(start);
        Assert.Equal(2, requests.Count);
        Assert.Equal(50, requests[1].Variables!["logTail"]!.GetValue<int>());
        Assert.Equal(modalBefore, fx.Modal.OwnInvocations.Count); // W&B had lines: Modal is never asked
    }

    [Fact]
    public async Task Contains_filters_the_tail_but_never_hides_the_error()
    {
        var result = await fx.Server.CallAsync("get_run_logs", new() { ["run"] = CrashedId, ["contains"] = "epoch" }, TestContext.Current.CancellationToken);
        var console = result.Structured().GetProperty("console");
        Assert.Equal(1, console.GetProperty("matchedLines").GetInt32());
        Assert.Equal("epoch 1 starting", console.GetProperty("lines")[0].GetProperty("text").GetString());
        Assert.Equal(OomLine, console.GetProperty("error").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Contains_Traceback_returns_the_whole_block_numbered_from_one()
    {
        var result = await fx.Server.CallAsync("get_run_logs", new() { ["run"] = CrashedId, ["contains"] = "Traceback" }, TestContext.Current.CancellationToken);
        var lines = result.Structured().GetProperty("console").GetProperty("lines").EnumerateArray().ToList();
        // The crashed fixture's lines 5-8 (1-based): the header, two frames, the exception.
        Assert.Equal([5, 6, 7, 8], lines.Select(l => l.GetProperty("number").GetInt64()));
        Assert.Equal(OomLine, lines[^1].GetProperty("text").GetString());
        Assert.Contains("     5 ", result.Text());
    }

    [Fact]
    public async Task When_W_and_B_has_no_console_the_runs_own_Modal_app_logs_are_read_bounded()
    {
        var app = fx.GiveAppTo(QuietId, live: false);
        fx.Modal.SetAppLogs(app, "2026-12-02 01:00:00+00:00 step 100", "2026-12-02 01:00:05+00:00 Killed");
        var before = fx.Modal.OwnInvocations.Count;
        var result = await fx.Server.CallAsync("get_run_logs", new() { ["run"] = QuietId, ["tail"] = 20 }, TestContext.Current.CancellationToken);
        var r = result.Structured();

        var console = r.GetProperty("console");
        Assert.Equal($"Modal app logs ({app})", console.GetProperty("source").GetString());
        Assert.Equal("killed", console.GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("2026-12-02T01:00:05+00:00", console.GetProperty("lines")[1].GetProperty("at").GetString());
        Assert.Equal(app, r.GetProperty("app").GetProperty("appId").GetString());
        var calls = fx.Modal.OwnInvocations.Skip(before).ToList();
        Assert.Contains(calls, a => a.SequenceEqual(["app", "logs", "--tail", "20", "--timestamps", "--", app]));
        Assert.DoesNotContain(calls, a => a.Contains("--follow") || a.Contains("-f"));
    }

    [Fact]
    public async Task An_old_Modal_CLI_is_named_with_the_upgrade_and_app_logs_never_runs()
    {
        // A fresh server: the version is probed once per process.
        await using var server = await McpServerProcess.StartAsync(ServerEnv());
        fx.GiveAppTo(QuietId, live: false);
        fx.Modal.Scenario = "old-cli";
        var before = fx.Modal.OwnInvocations.Count;
        var result = await server.CallAsync("get_run_logs", new() { ["run"] = QuietId }, TestContext.Current.CancellationToken);

        // W&B answered (no lines), so that answer stands; the note says why Modal could not add its own.
        var console = result.Structured().GetProperty("console");
        Assert.Equal(0, console.GetProperty("lines").GetArrayLength());
        var note = console.GetProperty("notes")[0].GetString()!;
        Assert.Contains("W&B holds no console lines", note);
        Assert.Contains("1.3.2", note);
        Assert.Contains("pip install -U \"modal>=1.4\"", note);
        Assert.DoesNotContain(fx.Modal.OwnInvocations.Skip(before), a => a.Length > 1 && a[0] == "app" && a[1] == "logs");
    }

    [Theory]
    [InlineData(0, null, "tail must be a whole number from 1 to 1000")]
    [InlineData(1001, null, "tail must be a whole number from 1 to 1000")]
    [InlineData(10, "x\u0001y", "contains must be plain text")]
    public async Task Bad_arguments_name_the_argument(int tail, string? contains, string expected)
    {
        var result = await fx.Server.CallAsync("get_run_logs", new() { ["run"] = CrashedId, ["tail"] = tail, ["contains"] = contains }, TestContext.Current.CancellationToken);
        Assert.Contains(expected, result.ErrorText());
    }

    private Dictionary<string, string?> ServerEnv()
    {
        var env = McpServerProcess.WandbEnvironment(fx.Wandb);
        foreach (var (k, v) in fx.Modal.ServerEnvironment(fx.CheckpointsDir))
        {
            env[k] = v;
        }

        return env;
    }
}
