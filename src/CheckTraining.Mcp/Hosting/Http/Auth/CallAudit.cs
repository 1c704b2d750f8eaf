using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
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
    /// <summary>Set by <see cref="RefusedBeforeTools"/>, marked when the call reached <see cref="Create"/> (which writes its own line).</summary>
    private static readonly AsyncLocal<StrongBox<bool>?> Reached = new();

    /// <summary>
    /// The first incoming message filter: a tools/call refused before any tool filter runs (RequestShapeFilter's
    /// arguments that cannot be bound) gets its audit line here, as <c>invalid-argument</c>.
    /// </summary>
    public static McpMessageHandler RefusedBeforeTools(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is not JsonRpcRequest { Method: RequestMethods.ToolsCall } request)
        {
            await next(context, cancellationToken);
            return;
        }

        var reached = new StrongBox<bool>();
        Reached.Value = reached;
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context, cancellationToken);
        }
        catch (McpProtocolException ex) when (!reached.Value)
        {
            var parameters = request.Params as JsonObject;
            context.Services?.GetService<AuditLog>()?.Write(Callers.Id(context.User) ?? "anonymous", NameOf(parameters), RunOf(parameters),
                ex.ErrorCode == McpErrorCode.InvalidParams ? "invalid-argument" : "error", 0, Stopwatch.GetElapsedTime(started));
            throw;
        }
    };

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            Reached.Value?.Value = true;
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
            catch (McpProtocolException ex) when (ex.ErrorCode == McpErrorCode.InvalidParams)
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

    private static string NameOf(JsonObject? parameters) =>
        parameters?["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String ? name.GetValue<string>() : "";

    private static string? RunOf(JsonObject? parameters) =>
        parameters?["arguments"] is JsonObject arguments && arguments["run"] is JsonValue run && run.GetValueKind() == JsonValueKind.String
            ? run.GetValue<string>()
            : null;

    private static string? RunArgument(CallToolRequestParams? request) =>
        request?.Arguments is { } args && args.TryGetValue("run", out var run) && run.ValueKind == JsonValueKind.String ? run.GetString() : null;
}
