using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Protocol;
using static CheckTraining.Mcp.Tests.Benchmarks.BenchmarkReport;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>plot_run's drawing cost and picture size. Skipped unless CHECKTRAINING_BENCH=1.</summary>
[Trait("Category", "Benchmark")]
[Collection(BenchmarkCollection.Name)]
public sealed class PlotBenchmarks
{
    [Fact]
    public async Task Render_time_and_PNG_size()
    {
        Assert.SkipUnless(Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        await using var wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));
        var env = McpServerProcess.WandbEnvironment(wandb);
        env["CHECKTRAINING_Cache__TtlSeconds"] = "60"; // the same reads each time: this measures drawing
        await using var server = await McpServerProcess.StartAsync(env);
        var renders = new List<double>();
        var sizes = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            var result = await server.CallAsync("plot_run", new() { ["run"] = WandbFixtures.SeedRunId }, TestContext.Current.CancellationToken);
            var image = result.Structured().GetProperty("image");
            renders.Add(image.GetProperty("renderMilliseconds").GetDouble());
            sizes.Add(Assert.Single(result.Content.OfType<ImageContentBlock>()).DecodedData.Length);
        }

        Write($"""
            ## plot_run on the 60,000-row fixture run (900×500 PNG)
            - render + PNG encode: first {renders[0]:0} ms (fonts and native libraries load), then median {Median(renders.Skip(1)):0} ms
            - PNG size: {sizes.Average() / 1024:0} KB (base64 in the MCP answer: about {sizes.Average() * 4 / 3 / 1024:0} KB)
            """);
    }
}
