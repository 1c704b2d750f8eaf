using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tools;

/// <summary>
/// The one boundary where tool outcomes become MCP results: structured content plus a markdown rendering on success;
/// an <c>isError</c> result with the actionable message on a <see cref="UserFacingException"/>; a generic message (details
/// to the stderr log, never to the agent) for anything unexpected.
/// </summary>
internal static class ToolResults
{
    public static async Task<CallToolResult> RunAsync<T>(string tool, ILogger logger, JsonTypeInfo<T> type,
        Func<Task<T>> work, Func<T, string> render)
    {
        try
        {
            var value = await work();
            return new CallToolResult
            {
                StructuredContent = JsonSerializer.SerializeToElement(value, type),
                Content = [new TextContentBlock { Text = render(value) }],
            };
        }
        catch (UserFacingException ex)
        {
            logger.LogWarning("{Tool} failed: {Message}", tool, ex.Message);
            return Error(ex.Message);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Tool} failed unexpectedly", tool);
            return Error($"{tool} failed unexpectedly ({ex.GetType().Name}). Details are in the server's stderr log; please report it.");
        }
    }

    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };
}
