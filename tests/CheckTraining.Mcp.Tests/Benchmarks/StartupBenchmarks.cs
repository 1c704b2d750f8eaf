using System.Diagnostics;
using System.Globalization;
using System.Text;
using static CheckTraining.Mcp.Tests.Benchmarks.BenchmarkReport;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>
/// Cold start (spawn until tools/list is answered) and idle RSS of each server bench/run built, side by side in one run:
/// CHECKTRAINING_BENCH_SERVERS="name=command args;name=command args". Skipped unless CHECKTRAINING_BENCH=1.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkCollection.Name)]
public sealed class StartupBenchmarks
{
    private const int Rounds = 10;

    private const string Handshake = """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}
        {"jsonrpc":"2.0","method":"notifications/initialized"}
        {"jsonrpc":"2.0","id":2,"method":"tools/list"}

        """;

    [Fact]
    public async Task Cold_start_and_idle_memory()
    {
        Assert.SkipUnless(Enabled && Environment.GetEnvironmentVariable("CHECKTRAINING_BENCH_SERVERS") is { Length: > 0 },
            "bench/run sets CHECKTRAINING_BENCH=1 and CHECKTRAINING_BENCH_SERVERS");
        var servers = Environment.GetEnvironmentVariable("CHECKTRAINING_BENCH_SERVERS")!
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('=', 2))
            .Select(p => (Name: p[0], Argv: p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        var results = servers.ToDictionary(s => s.Name, _ => (Start: new List<double>(), Rss: new List<double>()));
        for (var round = 0; round < Rounds + 1; round++) // interleaved; the first round warms the page cache and is dropped
        {
            foreach (var (name, argv) in servers)
            {
                var (ms, rss) = await ColdStartAsync(argv);
                if (round > 0)
                {
                    results[name].Start.Add(ms);
                    results[name].Rss.Add(rss);
                }
            }
        }

        var floor = results.TryGetValue("minimal-aot", out var m) ? (Start: Median(m.Start), Rss: Median(m.Rss)) : (Start: double.NaN, Rss: double.NaN);
        var table = new StringBuilder($"""
            ## Cold start and idle memory (spawn → tools/list answered; median of {Rounds}, interleaved, same run)
            | server | start | × floor | idle RSS | × floor |
            |---|---|---|---|---|

            """);
        foreach (var (name, (start, rss)) in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Median(start):0} ms | {Median(start) / floor.Start:0.00} | {Median(rss):0.0} MB | {Median(rss) / floor.Rss:0.00} |");
        }

        Write(table.ToString().TrimEnd());
    }

    private static async Task<(double Ms, double RssMb)> ColdStartAsync(string[] argv)
    {
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["HOME"] = Path.GetTempPath(); // no credentials: start-up must not depend on them
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        process.BeginErrorReadLine();
        await process.StandardInput.WriteAsync(Handshake.ReplaceLineEndings("\n"));
        await process.StandardInput.FlushAsync();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.Contains("\"id\":2", StringComparison.Ordinal))
        {
        }

        var elapsed = clock.Elapsed.TotalMilliseconds;
        var rss = File.ReadAllLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        Assert.NotNull(line); // the server answered tools/list
        return (elapsed, double.Parse(rss[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024);
    }
}
