using CheckTraining.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Hosting;

/// <summary>
/// Argument binding only. The SDK does not validate arguments against the input schema, so a wrong type (limit="abc")
/// would throw inside its binder and surface as the bare "An error occurred invoking 'x'". This filter checks the
/// arguments against the listed schema first and answers with a tool error that names the argument (the spec's advice:
/// input errors are tool errors the model can correct). Exceptions inside a tool are not its business.
/// </summary>
internal static class ToolErrorFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var name = context.Params?.Name;
            // Many clients send null for an argument the model left unset: that is "not given", so the default applies.
            if (context.Params?.Arguments is { IsReadOnly: false } given)
            {
                foreach (var unset in given.Where(kv => kv.Value.ValueKind == System.Text.Json.JsonValueKind.Null).Select(kv => kv.Key).ToList())
                {
                    given.Remove(unset);
                }
            }

            if (name is not null && Catalogue.TryTool(name) is { } tool
                && ArgumentCheck.Problem(name, tool.InputSchema, context.Params?.Arguments?.AsReadOnly()) is { } problem)
            {
                context.Services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(ToolErrorFilter)).LogWarning("{Tool}: unusable arguments: {Problem}", name, problem);
                CallMarks.MarkInvalidArgument();
                return ToolResults.Error(problem + " See the tool's input schema.");
            }

            return await next(context, cancellationToken);
        };
}
