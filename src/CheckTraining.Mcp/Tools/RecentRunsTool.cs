using System.ComponentModel;
using CheckTraining.Mcp.Rendering;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

/// <summary>list_recent_runs: the newest runs at a glance.</summary>
[McpServerToolType]
public sealed class RecentRunsTool(RecentRunsService service, ILogger<RecentRunsTool> logger)
{
    public const string Name = "list_recent_runs";

    [McpServerTool(Name = Name, Title = "List recent training runs", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(RecentRunsReport))]
    [Description("""
        Read-only list of the project's newest W&B runs in one API read: id, name, state, created, runtime, heartbeat age and
        stale flag, epoch, headline validation metrics, loss trend, cost and link. Use it to find a run id, or to summarise the
        last runs. It never changes anything in W&B or Modal.
        """)]
    public Task<CallToolResult> ListRecentRuns(
        [Description("How many runs to show, 1 to 50. Default 5.")] int limit = 5,
        [Description("Only runs in this W&B state. Default: all states.")]
        WandbRunState? state = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(Name, logger, AppJsonContext.Default.RecentRunsReport,
            () => service.GetAsync(limit, state?.ApiName(), cancellationToken),
            RecentRunsMarkdown.Render);
}
