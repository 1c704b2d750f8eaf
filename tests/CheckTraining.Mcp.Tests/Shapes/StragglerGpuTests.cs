using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.RunShapes;

namespace CheckTraining.Mcp.Tests.Shapes;

/// <summary>The straggler shape's truth (<see cref="Stragglers"/>), asserted through a real MCP client.</summary>
public sealed class StragglerGpuTests(RunShapesServer fx) : IClassFixture<RunShapesServer>
{
    [Fact]
    public async Task Idle_GPUs_beside_busy_ones_are_named_on_the_verdict_line_and_the_GPU_line()
    {
        var result = await fx.Server.CallAsync("check_training", new() { ["run"] = Stragglers.Id });
        var r = result.Structured();
        var verdict = r.GetProperty("verdict");
        Assert.Equal("healthy", verdict.GetProperty("code").GetString());
        Assert.True(verdict.GetProperty("needsAttention").GetBoolean());
        Assert.Contains(Stragglers.Words, verdict.GetProperty("summary").GetString());
        Assert.Equal(Stragglers.AppId, r.GetProperty("app").GetProperty("app").GetProperty("appId").GetString());
        var gpu = r.GetProperty("gpu");
        Assert.Equal(8, gpu.GetProperty("gpusSeen").GetInt32());
        Assert.Equal([6, 7], gpu.GetProperty("stragglers").GetProperty("idle").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Contains("**GPU**: 8× NVIDIA H100 80GB HBM3", result.Text());
        Assert.Contains(Stragglers.Words, result.Text().Split('\n').First(l => l.StartsWith("**GPU**", StringComparison.Ordinal)));
    }
}
