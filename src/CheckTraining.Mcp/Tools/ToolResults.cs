using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tools;

/// <summary>
/// The one boundary where outcomes become MCP results: structured content, a markdown rendering and any extra blocks
/// (an image) on success; an <c>isError</c> result carrying the actionable message on failure.
/// </summary>
internal static class ToolResults
{
    /// <summary>Captures <paramref name="work"/> and assembles its result: the common shape of a single-section tool.</summary>
    public static async Task<CallToolResult> RunAsync<T>(string tool, ILogger logger, JsonTypeInfo<T> type,
        Func<Task<T>> work, Func<T, string> render)
    {
        var outcome = await Outcome.CaptureAsync(tool, logger, work);
        return outcome.Failure is { } failure ? Error(ToolHints.Explain(failure)) : Success(outcome.Value!, type, render(outcome.Value!));
    }

    public static CallToolResult Success<T>(T value, JsonTypeInfo<T> type, string text, params IEnumerable<ContentBlock> extra) => new()
    {
        StructuredContent = JsonSerializer.SerializeToElement(value, type),
        Content = [new TextContentBlock { Text = text }, .. extra],
    };

    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };
}
