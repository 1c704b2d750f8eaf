using System.Diagnostics;
using System.Text.Json;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// Wraps every HTTP tool call: opens its W&amp;B call scope (the caller's key in wandb-key mode, a request counter in
/// every mode) and writes its audit line when it ends, whatever the outcome.
/// </summary>
internal static class CallAudit
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var call = new WandbCall(Callers.WandbKey(context.User));
            var started = Stopwatch.GetTimestamp();
            var outcome = "failed";
            try
            {
                using (AmbientWandbCallContext.Begin(call))
                {
                    var result = await next(context, cancellationToken);
                    outcome = result.IsError == true ? "error" : "ok";
                    return result;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                outcome = "cancelled";
                throw;
            }
            finally
            {
                context.Services?.GetService<AuditLog>()?.Write(Callers.Id(context.User) ?? "anonymous", context.Params?.Name ?? "",
                    RunArgument(context.Params), outcome, call.Requests, Stopwatch.GetElapsedTime(started));
            }
        };

    private static string? RunArgument(CallToolRequestParams? request) =>
        request?.Arguments is { } args && args.TryGetValue("run", out var run) && run.ValueKind == JsonValueKind.String ? run.GetString() : null;
}
