using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Live;

/// <summary>
/// Against the real services, only when asked: CHECKTRAINING_LIVE_WANDB=1 (with WANDB_API_KEY or ~/.netrc,
/// WANDB_ENTITY, WANDB_PROJECT) and CHECKTRAINING_LIVE_MODAL=1 (with a logged-in modal CLI on PATH or
/// CHECKTRAINING_Modal__CliPath). Read-only like everything else.
/// </summary>
[Trait("Category", "Live")]
public sealed class LiveTests
{
    private static readonly string[] PassThrough =
    [
        "WANDB_API_KEY", "WANDB_BASE_URL", "WANDB_ENTITY", "WANDB_PROJECT", "WANDB_APP_URL", "NETRC",
        "MODAL_PROFILE", "MODAL_ENVIRONMENT", "CHECKTRAINING_Modal__CliPath", "PATH",
    ];

    private static async Task<McpServerProcess> StartWithRealEnvironmentAsync()
    {
        var env = PassThrough.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        if (Environment.GetEnvironmentVariable("NETRC") is null)
        {
            env["NETRC"] = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".netrc");
        }

        return await McpServerProcess.StartAsync(env);
    }

    [Fact]
    public async Task Real_W_and_B_answers_both_tools()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("CHECKTRAINING_LIVE_WANDB") == "1", "set CHECKTRAINING_LIVE_WANDB=1 to run");
        await using var server = await StartWithRealEnvironmentAsync();
        var runs = await server.CallAsync("list_recent_runs", new() { ["limit"] = 3 }, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(runs.Text());
        runs.Structured();
        var metrics = await server.CallAsync("get_run_metrics", null, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(metrics.Text());
        Assert.InRange(metrics.Structured().GetProperty("wandbRequests").GetInt32(), 1, 2);
    }

    [Fact]
    public async Task Real_Modal_CLI_lists_apps()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("CHECKTRAINING_LIVE_MODAL") == "1", "set CHECKTRAINING_LIVE_MODAL=1 to run");
        await using var server = await StartWithRealEnvironmentAsync();
        var status = await server.CallAsync("get_app_status", null, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(status.Text());
        status.Structured();
    }
}
