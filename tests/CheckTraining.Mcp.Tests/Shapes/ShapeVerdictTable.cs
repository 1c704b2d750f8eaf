using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Shapes;

/// <summary>
/// Every shape's verdict line through a real MCP client, one line per shape, written to the file named by
/// CHECKTRAINING_SHAPES_OUT when set: run on two checkouts, it gives a change's before-and-after table. It uses only
/// the MCP surface, so it builds against older server code too.
/// </summary>
public sealed class ShapeVerdictTable(RunShapesServer fx) : IClassFixture<RunShapesServer>
{
    [Fact]
    public async Task Every_shape_gets_a_verdict_code_and_a_line()
    {
        var lines = new List<string>();
        foreach (var (shape, run) in RunShapes.Table)
        {
            var result = await fx.Server.CallAsync("check_training", new() { ["run"] = run });
            var verdict = JsonSerializer.SerializeToElement(result.StructuredContent).GetProperty("verdict");
            var code = verdict.GetProperty("code").GetString();
            var summary = verdict.GetProperty("summary").GetString();
            Assert.False(string.IsNullOrWhiteSpace(code));
            Assert.False(string.IsNullOrWhiteSpace(summary));
            lines.Add($"{shape}\t{code}\t{summary}");
            if (Environment.GetEnvironmentVariable("CHECKTRAINING_SHAPES_TEXT") is { Length: > 0 } textDir)
            {
                await File.WriteAllTextAsync(Path.Combine(textDir, run + ".md"), result.Text(), TestContext.Current.CancellationToken);
            }
        }

        if (Environment.GetEnvironmentVariable("CHECKTRAINING_SHAPES_OUT") is { Length: > 0 } path)
        {
            await File.WriteAllLinesAsync(path, lines, TestContext.Current.CancellationToken);
        }
    }
}
