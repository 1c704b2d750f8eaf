using System.Text;
using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;
using CheckTraining.Mcp.Tests.View;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>
/// What the MCP App view costs a client: tools/list's size with and without the UI extension declared, and the view
/// resource's size as served. Skipped unless CHECKTRAINING_BENCH=1 (the browser test prints the time to first render).
/// </summary>
public sealed class ViewBenchmarks
{
    [Fact]
    public async Task Tools_list_and_view_sizes_with_and_without_the_UI_extension()
    {
        Assert.SkipUnless(BenchmarkReport.Enabled, "set CHECKTRAINING_BENCH=1 to run benchmarks");
        var ct = TestContext.Current.CancellationToken;
        async Task<(int ListBytes, int? ViewBytes)> MeasureAsync(McpClientOptions? options)
        {
            await using var server = await InProcessServer.StartAsync(new Dictionary<string, string?>(), options);
            var tools = await server.Client.ListToolsAsync(cancellationToken: ct);
            var list = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(tools.Select(t => t.ProtocolTool).ToList(), McpJsonUtilities.DefaultOptions));
            int? view = null;
            if (options is not null)
            {
                var read = await server.Client.ReadResourceAsync("ui://check-training/run", cancellationToken: ct);
                view = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(read, McpJsonUtilities.DefaultOptions));
            }

            return (list, view);
        }

        var plain = await MeasureAsync(null);
        var declaring = await MeasureAsync(RunViewDeclarationTests.DeclaringClient(null));
        var report = new StringBuilder()
            .AppendLine("## The run view's cost to a client (in process, the SDK's client)")
            .AppendLine("| client | tools/list bytes | view resource bytes (resources/read) |")
            .AppendLine("|---|---|---|")
            .AppendLine($"| no UI extension | {plain.ListBytes:N0} | — |")
            .AppendLine($"| declares io.modelcontextprotocol/ui | {declaring.ListBytes:N0} (+{declaring.ListBytes - plain.ListBytes:N0}) | {declaring.ViewBytes:N0} |");
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.True(declaring.ListBytes > plain.ListBytes);
    }
}
