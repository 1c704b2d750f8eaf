using CheckTraining.Mcp.Wandb;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// completion/complete reads the newest runs from W&amp;B, so it runs in the caller's W&amp;B scope like a tool call: in
/// wandb-key mode with the caller's own key (without it the read had no key, and the run names were silently missing).
/// </summary>
internal static class CompletionScope
{
    public static McpRequestHandler<CompleteRequestParams, CompleteResult> Create(McpRequestHandler<CompleteRequestParams, CompleteResult> next) =>
        async (context, cancellationToken) =>
        {
            using (AmbientWandbCallContext.Begin(new WandbCall(Callers.WandbKey(context.User))))
            {
                return await next(context, cancellationToken);
            }
        };
}
