using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.RunShapes;

namespace CheckTraining.Mcp.Tests.Shapes;

/// <summary>The namesake shape's truth (<see cref="Namesakes"/>), asserted through a real MCP client in three tools.</summary>
public sealed class NamesakeTests(RunShapesServer fx) : IClassFixture<RunShapesServer>
{
    private const string Line = $"⚠️ **Same name**: '{Namesakes.Name}' also names {Namesakes.LiveId} (running, created ";
    private const string Newest = $"This is the newest, {Namesakes.CrashedId} (crashed); pass a run id to choose.";

    [Theory]
    [InlineData("check_training", 2)]
    [InlineData("compare_runs", 2)]
    [InlineData("plot_run", 2)]
    public async Task The_first_lines_name_the_other_run_and_its_state(string tool, int withinLines)
    {
        var arguments = new Dictionary<string, object?> { ["run"] = Namesakes.Name };
        if (tool == "compare_runs")
        {
            arguments["baseline"] = WandbFixtures.FinishedRunId; // no finished namesake of its arch exists to default to
        }

        var result = await fx.Server.CallAsync(tool, arguments);
        var r = result.Structured();
        var first = string.Join('\n', result.Text().Split('\n').Take(withinLines));
        Assert.Contains(Line, first);
        Assert.Contains(Newest, first);
        if (tool == "check_training")
        {
            Assert.Equal("crashed", r.GetProperty("verdict").GetProperty("code").GetString());
            var namesake = Assert.Single(r.GetProperty("run").GetProperty("run").GetProperty("namesakes").EnumerateArray());
            Assert.Equal(Namesakes.LiveId, namesake.GetProperty("id").GetString());
            Assert.Equal("running", namesake.GetProperty("state").GetString());
        }
    }
}
