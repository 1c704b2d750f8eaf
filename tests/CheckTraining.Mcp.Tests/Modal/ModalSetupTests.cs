using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Modal;

/// <summary>
/// Finding the CLI and the volume, and a download that stalls: in process, each test with its own server and settings,
/// against the fake <c>modal</c> executable, on the fake clock that drives the stall watcher. Finding the CLI from a
/// project's working directory needs a real process (the last test).
/// </summary>
public sealed class ModalSetupTests : IAsyncLifetime
{
    private readonly FakeModal _modal = new(DateTimeOffset.UtcNow);
    private FakeWandbServer _wandb = null!;

    private string Checkpoints => Path.Combine(_modal.Root, "ckpt");

    public async ValueTask InitializeAsync() => _wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync()
    {
        await _wandb.DisposeAsync();
        _modal.Dispose();
        FakeModal.AssertOnlyAllowListed();
    }

    private async Task<InProcessServer> StartAsync(Action<Dictionary<string, string?>> tweak)
    {
        var settings = InProcessServer.WandbSettings(_wandb);
        foreach (var (k, v) in _modal.InProcessSettings(Checkpoints))
        {
            settings[k] = v;
        }

        tweak(settings);
        return await InProcessServer.StartAsync(settings);
    }

    [Fact]
    public async Task A_missing_CLI_names_the_install_and_the_setting()
    {
        await using var server = await StartAsync(s => s["Modal:CliPath"] = "/nowhere/modal");
        var text = (await server.CallAsync("get_app_status")).ErrorText();
        Assert.Contains("/nowhere/modal", text);
        Assert.Contains("CHECKTRAINING_Modal__CliPath", text);
    }

    [Fact]
    public async Task An_unknown_volume_is_named()
    {
        await using var server = await StartAsync(s => s["Checkpoints:Volume"] = "no-such-volume");
        var text = (await server.CallAsync("pull_checkpoint", new() { ["list_only"] = true })).ErrorText();
        Assert.Contains("no-such-volume", text);
        Assert.Contains("not found", text);
    }

    [Fact]
    public async Task Listing_output_is_capped()
    {
        for (var i = 0; i < 40; i++)
        {
            _modal.AddCheckpoint(WandbFixtures.SeedRunName, $"epoch_{i:000}.pt", 10);
        }

        await using var server = await StartAsync(s => s["Modal:MaxOutputBytes"] = "2048");
        var text = (await server.CallAsync("pull_checkpoint", new() { ["list_only"] = true })).ErrorText();
        Assert.Contains("printed more than 2048 bytes (Modal:MaxOutputBytes)", text);
    }

    [Fact]
    public async Task A_stalled_download_is_stopped_and_cleaned_up()
    {
        _modal.AddCheckpoint(WandbFixtures.SeedRunName, "latest.pt", 100_000);
        _modal.Scenario = "stall";
        await using var server = await StartAsync(s => s["Modal:DownloadStallSeconds"] = "30");
        // Once the fake has written half the file and hangs, only time moves the watcher on; the clock stops at 40 s, so
        // the call ends only if the 30 s watcher stops the download (else the harness gives up and the test fails).
        var text = (await server.AdvanceUntilAsync(server.CallAsync("pull_checkpoint"), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(40),
            () => _modal.HangChildPid is not null)).ErrorText();
        Assert.Contains("no progress for 30 s (Modal:DownloadStallSeconds)", text);
        Assert.Empty(Directory.GetFileSystemEntries(Checkpoints));
        await ProcessAssert.ExitsAsync(_modal.HangChildPid!.Value);
    }

    [Fact]
    public async Task By_default_the_CLI_in_the_projects_venv_is_used()
    {
        var project = Directory.CreateTempSubdirectory("checktraining-project-").FullName;
        Directory.CreateDirectory(Path.Combine(project, ".venv", "bin"));
        File.CreateSymbolicLink(Path.Combine(project, ".venv", "bin", "modal"), _modal.Executable);
        var env = McpServerProcess.WandbEnvironment(_wandb);
        foreach (var (k, v) in _modal.ServerEnvironment(Checkpoints))
        {
            env[k] = v;
        }

        env["CHECKTRAINING_Modal__CliPath"] = null;
        await using var server = await McpServerProcess.StartAsync(env, workingDirectory: project);
        var r = (await server.CallAsync("get_app_status", null, TestContext.Current.CancellationToken)).Structured();
        Assert.Equal(2, r.GetProperty("runningCount").GetInt32());
    }
}
