using System.Diagnostics;
using System.Text.Json;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// Wraps every HTTP tool call, outside every other filter (registered first): opens its W&amp;B call scope (the caller's
/// key in wandb-key mode, a request counter in every mode) and writes its audit line when it ends, whatever the outcome
/// (<c>ok</c>, <c>cached</c>, <c>invalid-argument</c>, <c>error</c>, <c>cancelled</c>; the door writes <c>forbidden</c>),
/// so a result-cache hit or a refused argument is written down too.
/// </summary>
internal static class CallAudit
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var call = new WandbCall(Callers.WandbKey(context.User));
            var started = Stopwatch.GetTimestamp();
            var outcome = "error";
            var marks = CallMarks.Begin();
            try
            {
                using (AmbientWandbCallContext.Begin(call))
                {
                    var result = await next(context, cancellationToken);
                    outcome = marks.InvalidArgument ? "invalid-argument" : result.IsError == true ? "error" : marks.Cached ? "cached" : "ok";
                    return result;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                outcome = "cancelled";
                throw;
            }
            catch (ModelContextProtocol.McpProtocolException ex) when (ex.ErrorCode == ModelContextProtocol.McpErrorCode.InvalidParams)
            {
                outcome = "invalid-argument";
                throw;
            }
            finally
            {
                CallMarks.End();
                context.Services?.GetService<AuditLog>()?.Write(Callers.Id(context.User) ?? "anonymous", context.Params?.Name ?? "",
                    RunArgument(context.Params), outcome, call.Requests, Stopwatch.GetElapsedTime(started));
            }
        };

    private static string? RunArgument(CallToolRequestParams? request) =>
        request?.Arguments is { } args && args.TryGetValue("run", out var run) && run.ValueKind == JsonValueKind.String ? run.GetString() : null;
}
