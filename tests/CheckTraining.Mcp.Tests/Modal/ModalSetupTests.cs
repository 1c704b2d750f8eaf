using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Modal;

/// <summary>Finding the CLI and the volume, each with its own server process and settings.</summary>
public sealed class ModalSetupTests : IAsyncLifetime
{
    private readonly FakeModal _modal = new(DateTimeOffset.UtcNow);
    private FakeWandbServer _wandb = null!;

    public async ValueTask InitializeAsync() => _wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync()
    {
        await _wandb.DisposeAsync();
        _modal.Dispose();
        FakeModal.AssertOnlyAllowListed();
    }

    private async Task<McpServerProcess> StartAsync(Action<Dictionary<string, string?>> tweak, string? workingDirectory = null)
    {
        var env = McpServerProcess.WandbEnvironment(_wandb);
        foreach (var (k, v) in _modal.ServerEnvironment(Path.Combine(_modal.Root, "ckpt")))
        {
            env[k] = v;
        }

        tweak(env);
        return await McpServerProcess.StartAsync(env, workingDirectory: workingDirectory);
    }

    [Fact]
    public async Task A_missing_CLI_names_the_install_and_the_setting()
    {
        await using var server = await StartAsync(env => env["CHECKTRAINING_Modal__CliPath"] = "/nowhere/modal");
        var text = (await server.CallAsync("get_app_status", null, TestContext.Current.CancellationToken)).ErrorText();
        Assert.Contains("/nowhere/modal", text);
        Assert.Contains("CHECKTRAINING_Modal__CliPath", text);
    }

    [Fact]
    public async Task By_default_the_CLI_in_the_projects_venv_is_used()
    {
        var project = Directory.CreateTempSubdirectory("checktraining-project-").FullName;
        Directory.CreateDirectory(Path.Combine(project, ".venv", "bin"));
        File.CreateSymbolicLink(Path.Combine(project, ".venv", "bin", "modal"), _modal.Executable);
        await using var server = await StartAsync(env => env["CHECKTRAINING_Modal__CliPath"] = null, workingDirectory: project);
        var r = (await server.CallAsync("get_app_status", null, TestContext.Current.CancellationToken)).Structured();
        Assert.Equal(2, r.GetProperty("runningCount").GetInt32());
    }

    [Fact]
    public async Task An_unknown_volume_is_named()
    {
        await using var server = await StartAsync(env => env["CHECKTRAINING_Checkpoints__Volume"] = "no-such-volume");
        var text = (await server.CallAsync("pull_checkpoint", new() { ["list_only"] = true }, TestContext.Current.CancellationToken)).ErrorText();
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

        await using var server = await StartAsync(env => env["CHECKTRAINING_Modal__MaxOutputBytes"] = "2048");
        var text = (await server.CallAsync("pull_checkpoint", new() { ["list_only"] = true }, TestContext.Current.CancellationToken)).ErrorText();
        Assert.Contains("printed more than 2048 bytes (Modal:MaxOutputBytes)", text);
    }

    [Fact]
    public async Task A_stalled_download_is_stopped_and_cleaned_up()
    {
        _modal.AddCheckpoint(WandbFixtures.SeedRunName, "latest.pt", 100_000);
        _modal.Scenario = "stall";
        var checkpoints = Path.Combine(_modal.Root, "ckpt");
        await using var server = await StartAsync(env => env["CHECKTRAINING_Modal__DownloadStallSeconds"] = "1");
        var text = (await server.CallAsync("pull_checkpoint", null, TestContext.Current.CancellationToken)).ErrorText();
        Assert.Contains("no progress for 1 s (Modal:DownloadStallSeconds)", text);
        Assert.Empty(Directory.GetFileSystemEntries(checkpoints));
        await ProcessAssert.ExitsAsync(_modal.HangChildPid!.Value);
    }
}
