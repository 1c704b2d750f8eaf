using System.ComponentModel;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Rendering;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

/// <summary>get_run_metrics: the full status report of one W&amp;B run.</summary>
[McpServerToolType]
public sealed class RunMetricsTool(RunMetricsService service, IOptions<ModalOptions> modal, ILogger<RunMetricsTool> logger)
{
    public const string Name = "get_run_metrics";

    [McpServerTool(Name = Name, Title = "Get training run metrics", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(RunMetricsReport))]
    [Description("""
        Read-only status report of one W&B training run: state, link, runtime, config summary, progress (epoch, batch, loss),
        the validation table per completed epoch against targets, per-category accuracy with flags, a staleness verdict,
        wall time per epoch with an ETA, and the cost so far and projected. Use it for "how's my training run?".
        Costs at most two W&B API reads. It never changes anything in W&B or Modal and never touches the running job.
        """)]
    public Task<CallToolResult> GetRunMetrics(
        [Description("Run id (e.g. 8za01pdm), display name (e.g. mamba2-22k-ss-resumed; the newest match wins), " +
                     "full W&B run URL, or 'latest' for the project's newest run. Default: latest.")]
        string? run = "latest",
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(Name, logger, AppJsonContext.Default.RunMetricsReport,
            () => service.GetAsync(RunReference.Parse(run), cancellationToken),
            report => RunMetricsMarkdown.Render(report, modal.Value.DashboardUrl));
}
