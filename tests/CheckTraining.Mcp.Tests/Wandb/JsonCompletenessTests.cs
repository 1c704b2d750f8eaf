using System.Text;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Tests.Wandb;

/// <summary>A body cut short (retried as a W&amp;B fault) against one that is merely not JSON (reported as a wrong URL or a proxy page).</summary>
public sealed class JsonCompletenessTests
{
    [Theory]
    [InlineData("""{"data":{"project":null}}""", false)]
    [InlineData("""{"data":{"summary":"{\"loss\": NaN}","v":NaN}}""", false)] // W&B's bare NaN does not matter
    [InlineData("""{"data":{"project":{"runs":{"edges":[{"node":{"name":"8za0""", true)]
    [InlineData("""{"data":{"x":"a \"quoted} brace""", true)] // an escaped quote does not end the string
    [InlineData("""[{"a":1},""", true)]
    [InlineData("", true)]
    [InlineData("  \n", true)]
    [InlineData("<html><body>Bad gateway</body></html>", false)]
    [InlineData("upstream connect error", false)]
    public void Tells_a_body_cut_short_from_one_that_is_not_JSON(string body, bool cutShort) =>
        Assert.Equal(cutShort, JsonCompleteness.IsCutShort(Encoding.UTF8.GetBytes(body)));
}
