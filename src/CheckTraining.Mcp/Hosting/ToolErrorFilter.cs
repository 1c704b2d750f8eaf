using System.Text.Json;
using CheckTraining.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Hosting;

/// <summary>
/// The SDK does not validate arguments against the input schema: a wrong type (e.g. limit="abc") throws inside its
/// binder and would surface as the bare "An error occurred invoking 'x'". This filter answers with a message the
/// agent can act on instead, and keeps stack traces out of the result.
/// </summary>
internal static class ToolErrorFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                return await next(context, cancellationToken);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidCastException)
            {
                var tool = context.Params?.Name ?? "tool";
                context.Services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(ToolErrorFilter))
                    .LogWarning("{Tool}: unusable arguments: {Message}", tool, ex.Message);
                return ToolResults.Error(
                    $"'{tool}' got an argument of the wrong type: {FirstSentence(ex.Message)} Check the arguments against the tool's input " +
                    "schema: run, app and file are strings; state is one of running, finished, failed, crashed, killed, preempting, preempted or pending; " +
                    "metrics is an array of strings; limit is an integer from 1 to 50; " +
                    "list_only, overwrite and include_checkpoints are true or false.");
            }
        };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
