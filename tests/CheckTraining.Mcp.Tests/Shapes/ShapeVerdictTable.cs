using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Shapes;

/// <summary>
/// Every shape's verdict line through a real MCP client and the real server process, one line per shape, written to the
/// file named by CHECKTRAINING_SHAPES_OUT when set (CHECKTRAINING_SHAPES_TEXT: a folder for each whole report). With
/// CHECKTRAINING_TEST_SERVER naming an older build's executable, the same fixtures give that build's column of a
/// before-and-after table.
/// </summary>
public sealed class ShapeVerdictTable(ShapeVerdictTable.Fixture fx) : IClassFixture<ShapeVerdictTable.Fixture>
{
    /// <summary>The run shapes and their one app list behind a server process.</summary>
    public sealed class Fixture : CheckServerFixture
    {
        protected override void Seed(FakeWandbData data) => RunShapes.AddTo(data, Now);
    }

    [Fact]
    public async Task Every_shape_gets_a_verdict_code_and_a_line()
    {
        fx.Modal.SetApps(RunShapes.Apps(fx.Now));
        var lines = new List<string>();
        foreach (var (shape, run) in RunShapes.Table)
        {
            var result = await fx.Server.CallAsync("check_training", new() { ["run"] = run }, TestContext.Current.CancellationToken);
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
