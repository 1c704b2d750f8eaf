using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Modal;

/// <summary>get_app_status through the real server and the fake modal executable.</summary>
public sealed class AppStatusToolTests(ModalServerFixture fx) : FreshServerPerTest, IClassFixture<ModalServerFixture>
{
    protected override CheckServerFixture Fixture => fx;

    private async Task<ModelContextProtocol.Protocol.CallToolResult> CallAsync(string scenario, string? app = null)
    {
        fx.Modal.Scenario = scenario;
        var args = app is null ? null : new Dictionary<string, object?> { ["app"] = app };
        return await fx.Server.CallAsync("get_app_status", args, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Reports_the_running_training_app_with_its_uptime()
    {
        var result = await CallAsync("ok");
        var r = result.Structured();
        Assert.Equal(2, r.GetProperty("runningCount").GetInt32()); // the detached run and the deployed app
        var apps = r.GetProperty("apps").EnumerateArray().ToList();
        var train = apps.First(a => a.GetProperty("appId").GetString() == "ap-AbCdEfGhIjKlMnOpQrStUv");
        Assert.Equal("active", train.GetProperty("phase").GetString());
        Assert.Equal(1, train.GetProperty("tasks").GetInt32());
        Assert.Equal(4.2, train.GetProperty("uptimeHours").GetDouble(), 1);
        var stopped = apps.First(a => a.GetProperty("state").GetString() == "stopped");
        Assert.Equal(4.0, stopped.GetProperty("ranHours").GetDouble(), 1);
        Assert.Contains("2 running app(s)", result.Text());
        Assert.Contains("| melee-train | ap-AbCdEfGhIjKlMnOpQrStUv | ephemeral (detached) | 1 |", result.Text());

        // Process hygiene as seen by the child: wide columns, no colour, UTC, closed stdin, no W&B key, profile passed.
        var env = fx.Modal.EnvLog.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.Equal("COLUMNS=10000 NO_COLOR=1 TZ=UTC WANDB_API_KEY=<unset> MODAL_PROFILE=training MODAL_ENVIRONMENT= MODAL_TOKEN_ID= MODAL_SERVER_URL= STDIN=closed", env);
        Assert.Equal(["app", "list", "--json"], fx.Modal.OwnInvocations[^1]);
    }

    [Fact]
    public async Task Reads_the_pre_1_5_key_style_and_local_time_offsets()
    {
        var r = (await CallAsync("old-keys")).Structured();
        var app = r.GetProperty("apps")[0];
        Assert.Equal("melee-train", app.GetProperty("name").GetString());
        Assert.Equal(4.2, app.GetProperty("uptimeHours").GetDouble(), 1); // a -05:00 offset is the same instant
        Assert.Equal(TimeSpan.Zero, app.GetProperty("createdAt").GetDateTimeOffset().Offset);
    }

    [Fact]
    public async Task Filters_by_name_or_id_and_says_when_nothing_matches()
    {
        var byId = (await CallAsync("ok", "ap-ZyXwVuTsRqPoNmLkJiHgFe")).Structured();
        Assert.Equal(["ap-ZyXwVuTsRqPoNmLkJiHgFe"], byId.GetProperty("apps").EnumerateArray().Select(a => a.GetProperty("appId").GetString()));
        var byName = (await CallAsync("ok", "eval")).Structured();
        Assert.Equal("melee-eval-api", byName.GetProperty("apps")[0].GetProperty("name").GetString());
        var none = await CallAsync("ok", "nothing-like-this");
        Assert.Contains("No app matching 'nothing-like-this'", none.Text());
    }

    [Fact]
    public async Task Says_no_running_apps_plainly()
    {
        var result = await CallAsync("no-apps");
        Assert.Equal(0, result.Structured().GetProperty("runningCount").GetInt32());
        Assert.Contains("No running apps.", result.Text());
    }

    [Fact]
    public async Task An_unauthenticated_CLI_gets_the_login_fix_without_the_token()
    {
        var text = (await CallAsync("unauthenticated")).ErrorText();
        Assert.Contains("not authenticated", text);
        Assert.Contains("modal token new", text);
        Assert.DoesNotContain("SECRETTOKEN", text);
        Assert.DoesNotContain("╭", text);
    }

    [Fact]
    public async Task An_unknown_CLI_error_keeps_its_words_and_loses_its_secrets()
    {
        var text = (await CallAsync("leaky")).ErrorText();
        Assert.Contains("failed with exit code 3", text);
        Assert.Contains("https://trainer:[redacted]@proxy.internal:3128/v1 was refused", text);
        Assert.Contains("HF_TOKEN=[redacted]", text);
        // The server logs the failure too (a warning, written a moment later): wait for it, so the log is really read.
        await Eventually.HoldsAsync(() => fx.Server.Stderr.Contains("exit code 3", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Contains("exit code 3", fx.Server.Stderr);
        foreach (var secret in new[] { "Pr0xyPassw0rd", "Abcdefghijklmnopqrstuvwx0123456789", "hf_AbCdEf", "b3BlbnNzaC1rZXkt" })
        {
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(secret, fx.Server.Stderr, StringComparison.Ordinal); // nor the server's log
        }
    }

    [Fact]
    public async Task Garbage_output_is_a_clear_error()
    {
        var text = (await CallAsync("garbage")).ErrorText();
        Assert.Contains("did not print the expected JSON", text);
        Assert.Contains("modal --version", text);
    }

    [Fact]
    public async Task A_hung_CLI_is_killed_with_its_whole_process_tree()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var text = (await CallAsync("hang")).ErrorText();
        Assert.Contains("did not finish within 3 s (Modal:ListTimeoutSeconds)", text);
        Assert.InRange(clock.Elapsed.TotalSeconds, 2.5, 15);
        var child = fx.Modal.HangChildPid;
        Assert.NotNull(child);
        await ProcessAssert.ExitsAsync(child!.Value);
    }
}
