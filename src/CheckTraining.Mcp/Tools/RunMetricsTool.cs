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
        Read-only report of one W&B run: state, link, runtime, config, progress (epoch, batch, loss), validation per epoch
        against targets, per-category accuracy, staleness, epoch wall time with an ETA, and cost so far and projected. At most
        two W&B reads; check_training adds Modal to it. It never changes anything in W&B or Modal.
        """)]
    public Task<CallToolResult> GetRunMetrics(
        [Description("Run id (e.g. 8za01pdm), display name (the newest match wins), W&B run URL, or 'latest'. Default: latest.")]
        string? run = "latest",
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(Name, logger, AppJsonContext.Default.RunMetricsReport,
            () => service.GetAsync(RunReference.Parse(run), cancellationToken),
            report => RunMetricsMarkdown.Render(report, modal.Value.DashboardUrl));
}
