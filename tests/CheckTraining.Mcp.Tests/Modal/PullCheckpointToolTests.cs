using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Protocol;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Modal;

/// <summary>pull_checkpoint through the real server over stdio, the fake W&amp;B and the fake modal executable.</summary>
public sealed class PullCheckpointToolTests : FreshServerPerTest, IClassFixture<ModalServerFixture>
{
    private readonly ModalServerFixture _fx;
    private readonly byte[] _latest;

    public PullCheckpointToolTests(ModalServerFixture fx)
    {
        _fx = fx;
        _fx.Modal.Scenario = "ok";
        _latest = fx.Modal.AddCheckpoint(SeedRunName, "latest.pt", 3 * 1024 * 1024 + 123, seed: 7);
        fx.Modal.AddCheckpoint(SeedRunName, "best.pt", 2048, seed: 8);
        Directory.CreateDirectory(Path.Combine(fx.Modal.RunFolder(SeedRunName), "epoch_2"));
        if (Directory.Exists(fx.CheckpointsDir))
        {
            Directory.Delete(fx.CheckpointsDir, recursive: true);
        }
    }

    private string Destination => Path.Combine(_fx.CheckpointsDir, $"{SeedRunName}-latest.pt");

    private Task<CallToolResult> PullAsync(Dictionary<string, object?>? args = null) =>
        _fx.Server.CallAsync("pull_checkpoint", args ?? new() { ["run"] = SeedRunId }, TestContext.Current.CancellationToken);

    private void AssertNoStagingLeft() =>
        Assert.True(!Directory.Exists(_fx.CheckpointsDir) || Directory.GetFileSystemEntries(_fx.CheckpointsDir, ".checktraining-partial-*").Length == 0,
            "a staging folder was left behind");

    [Fact]
    public async Task A_volume_listing_printed_as_a_table_is_an_error_not_a_list_of_files()
    {
        _fx.Modal.Scenario = "volume-table";
        var text = (await PullAsync(new() { ["run"] = SeedRunName, ["list_only"] = true })).ErrorText();
        Assert.Contains("neither JSON nor one path per line", text);
        Assert.Contains("modal --version", text);
        Assert.DoesNotContain("\u001b", text);
    }

    [Fact]
    public async Task List_only_shows_the_run_folder_with_sizes()
    {
        var start = DateTimeOffset.UtcNow;
        var result = await PullAsync(new() { ["run"] = SeedRunName, ["list_only"] = true });
        // Finding the folder needs only the run's name: no summary or history keys are read.
        var lookup = Assert.Single(_fx.Wandb.RequestsSince(start));
        Assert.False(lookup.Variables!["details"]!.GetValue<bool>());
        Assert.InRange(lookup.ResponseBytes, 1, 1000);
        var r = result.Structured();
        Assert.Equal(SeedRunName, r.GetProperty("run").GetString());
        Assert.Equal("/checkpoints/" + SeedRunName, r.GetProperty("remoteDirectory").GetString());
        var files = r.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.Equal("3.0 MiB", files["latest.pt"].GetProperty("size").GetString());
        Assert.Equal("2.0 KiB", files["best.pt"].GetProperty("size").GetString());
        Assert.Equal("dir", files["epoch_2"].GetProperty("type").GetString());
        Assert.True(r.IsAbsentOrNull("download"));
        Assert.False(Directory.Exists(_fx.CheckpointsDir)); // listing writes nothing
        Assert.Equal(["volume", "ls", "--json", "--", FakeModal.Volume, "/checkpoints/" + SeedRunName], _fx.Modal.OwnInvocations[^1]);
    }

    [Fact]
    public async Task Downloads_the_exact_bytes_atomically_then_reports_already_present()
    {
        var result = await PullAsync();
        var download = result.Structured().GetProperty("download");
        Assert.Equal("downloaded", download.GetProperty("status").GetString());
        Assert.Equal(Destination, download.GetProperty("localPath").GetString());
        Assert.Equal(_latest.Length, download.GetProperty("bytes").GetInt64());
        Assert.Equal(_latest, await File.ReadAllBytesAsync(Destination, TestContext.Current.CancellationToken));
        Assert.Contains($"Downloaded latest.pt to {Destination}", result.Text());
        AssertNoStagingLeft();

        var calls = _fx.Modal.OwnInvocations.Count;
        var again = (await PullAsync()).Structured().GetProperty("download");
        Assert.Equal("already-present", again.GetProperty("status").GetString());
        Assert.DoesNotContain(_fx.Modal.OwnInvocations.Skip(calls), a => a[..2] is ["volume", "get"]);
    }

    [Fact]
    public async Task An_existing_different_file_is_never_clobbered_without_overwrite()
    {
        Directory.CreateDirectory(_fx.CheckpointsDir);
        await File.WriteAllTextAsync(Destination, "my precious older checkpoint", TestContext.Current.CancellationToken);

        var text = (await PullAsync()).ErrorText();
        Assert.Contains("already exists", text);
        Assert.Contains("overwrite=true", text);
        Assert.Equal("my precious older checkpoint", await File.ReadAllTextAsync(Destination, TestContext.Current.CancellationToken));

        var replaced = (await PullAsync(new() { ["run"] = SeedRunId, ["overwrite"] = true })).Structured().GetProperty("download");
        Assert.Equal("replaced", replaced.GetProperty("status").GetString());
        Assert.Equal(_latest, await File.ReadAllBytesAsync(Destination, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("interrupt", "Connection reset")]
    [InlineData("diskfull", "disk is full")]
    public async Task A_failed_download_leaves_nothing_at_the_destination(string scenario, string expected)
    {
        _fx.Modal.Scenario = scenario;
        var text = (await PullAsync()).ErrorText();
        Assert.Contains(expected, text);
        Assert.False(File.Exists(Destination));
        AssertNoStagingLeft();
    }

    [Theory]
    [InlineData("file", "../../etc/passwd")]
    [InlineData("file", "/etc/passwd")]
    [InlineData("file", "sub/latest.pt")]
    [InlineData("file", "latest.pt\n")]
    [InlineData("file", "*.pt")]
    [InlineData("run", ModalServerFixture.EscapeRunId)] // display name "../escape"
    public async Task Names_that_could_escape_the_checkpoints_folder_are_refused(string argument, string value)
    {
        var calls = _fx.Modal.OwnInvocations.Count;
        var args = new Dictionary<string, object?> { ["run"] = SeedRunId, [argument] = value };
        var text = (await PullAsync(args)).ErrorText();
        Assert.Contains("not a plain name", text);
        Assert.Equal(calls, _fx.Modal.OwnInvocations.Count); // refused before any modal command ran
        Assert.False(Directory.Exists(_fx.CheckpointsDir) && Directory.EnumerateFileSystemEntries(_fx.CheckpointsDir).Any());
    }

    [Fact]
    public async Task A_run_without_a_checkpoint_folder_names_the_settings()
    {
        var text = (await PullAsync(new() { ["run"] = FinishedRunId, ["list_only"] = true })).ErrorText();
        Assert.Contains($"No checkpoint folder /checkpoints/{FinishedRunName}", text);
        Assert.Contains("Checkpoints:PathTemplate", text);
    }

    [Fact]
    public async Task A_missing_file_lists_what_the_folder_has()
    {
        var text = (await PullAsync(new() { ["run"] = SeedRunId, ["file"] = "epoch_9.pt" })).ErrorText();
        Assert.Contains("'epoch_9.pt' is not in", text);
        Assert.Contains("best.pt", text);
    }

    [Fact]
    public async Task Progress_notifications_reach_a_real_client_in_order()
    {
        _fx.Modal.Scenario = "slow";
        var before = _fx.Server.Received.Count;
        var result = await _fx.Server.Client.CallToolAsync("pull_checkpoint", new Dictionary<string, object?> { ["run"] = SeedRunId },
            progress: new Progress<ModelContextProtocol.ProgressNotificationValue>(_ => { }), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("downloaded", result.Structured().GetProperty("download").GetProperty("status").GetString());

        // What the protocol promises, read off the wire in arrival order (the client's handlers run concurrently, so
        // their order proves nothing): progress values rise as sent, the final one (the whole file) comes last and
        // before the result.
        var received = _fx.Server.Received.Skip(before).ToList();
        var resultIndex = received.FindIndex(m => m is JsonRpcResponse);
        var values = received.Take(resultIndex).OfType<JsonRpcNotification>().Where(n => n.Method == NotificationMethods.ProgressNotification)
            .Select(n => JsonSerializer.Deserialize<ProgressNotificationParams>(n.Params, ModelContextProtocol.McpJsonUtilities.DefaultOptions)!.Progress)
            .ToList();
        Assert.True(values.Count >= 3, $"only {values.Count} progress notifications before the result");
        var bytes = values.Select(v => v.Progress).ToList();
        Assert.Equal(bytes.Order(), bytes); // never backwards
        Assert.Equal(_latest.Length, values[^1].Progress);
        Assert.All(values, v => Assert.InRange(v.Total!.Value, _latest.Length * 0.95, _latest.Length * 1.05));
        Assert.DoesNotContain(received.Skip(resultIndex + 1), m => m is JsonRpcNotification { Method: NotificationMethods.ProgressNotification });
    }

    [Fact]
    public async Task Cancelling_kills_the_CLI_and_leaves_no_temporary_file()
    {
        _fx.Modal.Scenario = "stall";
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var call = _fx.Server.CallAsync("pull_checkpoint", new() { ["run"] = SeedRunId }, cts.Token);
        var pid = await WaitForPidAsync(); // the download is running (and stalled): cancel it now
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await ProcessAssert.ExitsAsync(pid);
        await Eventually.HoldsAsync(() => !Directory.Exists(_fx.CheckpointsDir) || Directory.GetFileSystemEntries(_fx.CheckpointsDir, ".checktraining-partial-*").Length == 0,
            TimeSpan.FromSeconds(5));

        AssertNoStagingLeft();
        Assert.False(File.Exists(Destination));
    }

    private async Task<int> WaitForPidAsync()
    {
        return await Eventually.HoldsAsync(() => _fx.Modal.HangChildPid is not null, TimeSpan.FromSeconds(5))
            ? _fx.Modal.HangChildPid!.Value
            : throw new InvalidOperationException("the fake never started its download");
    }

    protected override CheckServerFixture Fixture => _fx;

    protected override void AfterEach()
    {
        base.AfterEach();
        File.Delete(Path.Combine(_fx.Modal.Root, "hang-child.pid"));
        FakeModal.AssertOnlyAllowListed();
    }
}
