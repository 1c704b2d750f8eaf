using System.ComponentModel;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Rendering;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

/// <summary>get_run_logs: the run's console tail, with the error that ended it named on top.</summary>
[McpServerToolType]
public sealed class RunLogsTool(RunLogsService service, ILogger<RunLogsTool> logger)
{
    public const string Name = "get_run_logs";

    [McpServerTool(Name = Name, Title = "Read a run's console output", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(RunLogsReport))]
    [Description("""
        Read-only tail of a run's console output (stdout and stderr) from W&B, with the error that ended the run named on
        top (the last Python exception, or CUDA out of memory, NCCL, Killed, a segfault). Use it when check_training says
        crashed, hung or diverged. When W&B holds no lines, reads the run's own Modal app with `modal app logs --tail`
        (never streaming). Secrets are redacted; lines over 4 KB and text over 32 KB are cut. At most 2 W&B requests. It
        never changes anything in W&B or Modal.
        """)]
    public Task<CallToolResult> GetRunLogs(
        [Description("Run id (e.g. 8za01pdm), display name, full W&B run URL, or 'latest'. Default: latest.")]
        string? run = "latest",
        [Description("How many lines from the end, 1 to 1000. Default: 100.")]
        int tail = 100,
        [Description("Keep only lines containing this text (case-insensitive, at most 200 characters). The error on top is found before filtering.")]
        string? contains = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(Name, logger, AppJsonContext.Default.RunLogsReport,
            () => service.GetAsync(RunReference.Parse(run), tail, contains, cancellationToken),
            RunLogsMarkdown.Render);
}
