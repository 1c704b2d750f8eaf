using System.Diagnostics;
using System.Globalization;
using System.Text;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Benchmarks.BenchmarkReport;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>
/// What the authentication stack costs at start: spawn until the first tools/list is answered over HTTP (with the
/// mode's credential; oauth includes fetching the local issuer's metadata and keys, wandb-key the viewer check), and
/// RSS then, for each Http:Auth:Mode, interleaved. Runs the server CHECKTRAINING_TEST_SERVER names (e.g. the AOT
/// binary), else the JIT build. Skipped unless CHECKTRAINING_BENCH=1.
/// </summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkCollection.Name)]
public sealed class AuthStartupBenchmarks
{
    private const int Rounds = 15;
    private const string Token = "bench-token-0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Start_up_and_memory_per_auth_mode()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        await using var issuer = await TestIssuer.StartAsync();
        await using var wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));
        var modes = new (string Name, Func<string, string[]> Args, Func<string, string> Bearer)[]
        {
            ("token", _ => [$"--Http:BearerToken={Token}"], _ => Token),
            ("oauth", _ => ["--Http:Auth:Mode=oauth", $"--Http:Auth:Authority={issuer.Url}"], url => issuer.Mint(url + "/mcp")),
            ("wandb-key", _ => ["--Http:Auth:Mode=wandb-key"], _ => FakeWandbServer.ApiKey),
        };
        var results = modes.ToDictionary(m => m.Name, _ => (Start: new List<double>(), Rss: new List<double>()));
        for (var round = 0; round < Rounds + 1; round++) // the first round warms the page cache and is dropped
        {
            foreach (var (name, args, bearer) in modes)
            {
                var (ms, rss) = await FirstToolsListAsync(wandb, args, bearer);
                if (round > 0)
                {
                    results[name].Start.Add(ms);
                    results[name].Rss.Add(rss);
                }
            }
        }

        var (baseStart, baseRss) = (Median(results["token"].Start), Median(results["token"].Rss));
        var table = new StringBuilder($"""
            ## Start-up and memory per Http:Auth:Mode ({(Environment.GetEnvironmentVariable("CHECKTRAINING_TEST_SERVER") is { Length: > 0 } ? "AOT" : "JIT")}; spawn → first tools/list answered over HTTP; median of {Rounds}, interleaved)
            | mode | start | vs token | RSS after it | vs token |
            |---|---|---|---|---|

            """);
        foreach (var (name, (start, rss)) in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Median(start):0} ms | {Median(start) - baseStart:+0;-0;0} ms | {Median(rss):0.0} MB | {Median(rss) - baseRss:+0.0;-0.0;0.0} MB |");
        }

        Write(table.ToString().TrimEnd());
    }

    private static async Task<(double Ms, double RssMb)> FirstToolsListAsync(FakeWandbServer wandb, Func<string, string[]> args, Func<string, string> bearer)
    {
        var url = $"http://127.0.0.1:{HttpServerProcess.FreePort()}";
        var psi = new ProcessStartInfo(RepoPaths.ServerLaunch.Command) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in RepoPaths.ServerLaunch.Arguments.Concat(["--http", $"--Http:Url={url}", "--Http:Stateless=true"]).Concat(args(url)))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["HOME"] = Path.GetTempPath();
        psi.Environment.Remove("WANDB_API_KEY");
        psi.Environment["WANDB_BASE_URL"] = wandb.BaseUrl;
        psi.Environment["WANDB_PROJECT"] = WandbFixtures.Project;
        using var http = new HttpClient();
        var token = bearer(url);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            while (true)
            {
                try
                {
                    using var init = await http.SendAsync(Post(url, token, """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}"""));
                    Assert.True(init.IsSuccessStatusCode, $"initialize: {(int)init.StatusCode}");
                    break;
                }
                catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(5);
                }
            }

            using var list = await http.SendAsync(Post(url, token, """{"jsonrpc":"2.0","id":2,"method":"tools/list"}"""));
            var body = await list.Content.ReadAsStringAsync();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            Assert.Contains("check_training", body, StringComparison.Ordinal);
            return (elapsed, ProcessMemory.CurrentMiB(process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static HttpRequestMessage Post(string url, string token, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/mcp") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        return request;
    }
}
