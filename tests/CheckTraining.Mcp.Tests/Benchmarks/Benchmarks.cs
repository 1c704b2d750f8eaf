using System.Diagnostics;
using System.Text;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>
/// Figures, not pass/fail timings. Skipped unless CHECKTRAINING_BENCH=1; results are printed and written to
/// TestResults/benchmarks.md. Run: CHECKTRAINING_BENCH=1 dotnet test --filter Category=Benchmark
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkCollection.Name)]
public sealed class Benchmarks
{
    private static bool Enabled => BenchmarkReport.Enabled;

    [Fact]
    public async Task Run_metrics_on_a_60000_row_history()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        await using var wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        await using var server = await McpServerProcess.StartAsync(McpServerProcess.WandbEnvironment(wandb));
        var seed = wandb.Data.Project(Entity, Project).Single(r => r.Id == SeedRunId);
        var fullHistoryBytes = seed.History.Sum(row => (long)Encoding.UTF8.GetByteCount(FakeWandbData.ToWandbJson(row)));

        var times = new List<double>();
        IReadOnlyList<RecordedRequest> requests = [];
        for (var i = 0; i < 10; i++)
        {
            var start = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            (await server.CallAsync("get_run_metrics", new() { ["run"] = SeedRunId }, TestContext.Current.CancellationToken)).Structured();
            times.Add(clock.Elapsed.TotalMilliseconds);
            requests = wandb.RequestsSince(start);
        }

        var pid = ProcessMemory.FindServerPid(server.Home);
        BenchmarkReport.Write($"""
            ## get_run_metrics on a run with {seed.History.Count:N0} history rows
            - W&B requests per call: {requests.Count} ({string.Join(", ", requests.Select(r => $"{r.OperationName} {r.ResponseBytes:N0} B"))})
            - bytes read per call: {requests.Sum(r => r.ResponseBytes):N0}
            - the seed's scan_history would read every row: ~{fullHistoryBytes:N0} B of row JSON in {(seed.History.Count + 999) / 1000} pages of 1,000
            - call latency over loopback (10 calls): first {times[0]:0} ms, median {BenchmarkReport.Median(times.Skip(1)):0} ms
            - server resident memory after the calls: {ProcessMemory.CurrentMiB(pid):0} MiB (peak {ProcessMemory.PeakMiB(pid):0} MiB)
            """);
    }

    [Fact]
    public async Task Pull_checkpoint_against_a_bare_modal_volume_get()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        const int size = 200 * 1024 * 1024;
        using var modal = new FakeModal(DateTimeOffset.UtcNow);
        var folder = modal.RunFolder(SeedRunName);
        Directory.CreateDirectory(folder);
        await using (var file = File.Create(Path.Combine(folder, "latest.pt")))
        {
            var chunk = new byte[1024 * 1024];
            var random = new Random(3);
            for (var i = 0; i < 200; i++)
            {
                random.NextBytes(chunk);
                await file.WriteAsync(chunk, TestContext.Current.CancellationToken);
            }
        }

        await using var wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        var checkpoints = Path.Combine(modal.Root, "ckpt");
        var env = McpServerProcess.WandbEnvironment(wandb);
        foreach (var (k, v) in modal.ServerEnvironment(checkpoints))
        {
            env[k] = v;
        }

        await using var server = await McpServerProcess.StartAsync(env);
        var pid = ProcessMemory.FindServerPid(server.Home);
        (await server.CallAsync("list_recent_runs", null, TestContext.Current.CancellationToken)).Structured(); // warm up
        var idle = ProcessMemory.CurrentMiB(pid);

        // Interleaved, so both see the same page-cache state.
        var bare = new List<double>();
        var viaServer = new List<double>();
        var peaks = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            bare.Add(await BareVolumeGetAsync(modal));
            ProcessMemory.ResetPeak(pid);
            var clock = Stopwatch.StartNew();
            var result = await server.CallAsync("pull_checkpoint", new() { ["run"] = SeedRunId, ["overwrite"] = true }, TestContext.Current.CancellationToken);
            viaServer.Add(clock.Elapsed.TotalMilliseconds);
            peaks.Add(ProcessMemory.PeakMiB(pid));
            Assert.Equal(size, result.Structured().GetProperty("download").GetProperty("bytes").GetInt64());
        }

        BenchmarkReport.Write($"""
            ## pull_checkpoint of a 200 MiB file vs a bare `modal volume get` (fake CLI: local copy)
            - bare `modal volume get`: median {BenchmarkReport.Median(bare):0} ms ({string.Join(", ", bare.Select(b => $"{b:0}"))})
            - pull_checkpoint through the server (W&B lookup + volume ls + volume get + size check + atomic rename): median {BenchmarkReport.Median(viaServer):0} ms ({string.Join(", ", viaServer.Select(b => $"{b:0}"))})
            - overhead: median {BenchmarkReport.Median(viaServer) - BenchmarkReport.Median(bare):0} ms per pull
            - server memory: {idle:0} MiB resident before; highest peak during a pull {peaks.Max():0} MiB (the file never passes through the server)
            """);
    }

    /// <summary>What a user runs by hand: the CLI alone, into an existing folder.</summary>
    private static async Task<double> BareVolumeGetAsync(FakeModal modal)
    {
        var dest = Directory.CreateTempSubdirectory().FullName;
        var psi = new ProcessStartInfo(modal.Executable, ["volume", "get", "--", FakeModal.Volume, $"/checkpoints/{SeedRunName}/latest.pt", dest]);
        psi.Environment["FAKE_MODAL_ARGV_LOG"] = Path.Combine(modal.Root, "bench-argv.log");
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardInput = true; // closed below, as the server does: the fake probes stdin for up to 1 s otherwise
        var clock = Stopwatch.StartNew();
        using (var p = Process.Start(psi)!)
        {
            p.StandardInput.Close();
            await p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        Directory.Delete(dest, true);
        return elapsed;
    }
}
