using System.ComponentModel;
using CheckTraining.Mcp.Checkpoints;
using CheckTraining.Mcp.Rendering;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

#pragma warning disable CA1707 // parameter names are the tool's public snake_case argument names

/// <summary>pull_checkpoint: list or download a run's checkpoint from the Modal volume.</summary>
[McpServerToolType]
public sealed class PullCheckpointTool(CheckpointService service, ILogger<PullCheckpointTool> logger)
{
    public const string Name = "pull_checkpoint";

    // Not read-only: it writes a local file. Not destructive: it never replaces a file unless overwrite is set.
    [McpServerTool(Name = Name, Title = "Pull a run's checkpoint", ReadOnly = false, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(CheckpointReport))]
    [Description("""
        Lists a W&B run's checkpoint files on the Modal volume (list_only=true), or downloads one into the local checkpoints
        folder as {run}-{file}, atomically, with progress. The run is resolved through W&B to its display name, its folder on
        the volume. Reading never disturbs the training job; it writes only inside the checkpoints folder and never replaces
        a file unless overwrite=true.
        """)]
    public Task<CallToolResult> PullCheckpoint(
        McpServer server,
        RequestContext<CallToolRequestParams> context,
        [Description("Run id, display name, full W&B run URL, or 'latest'. Default: latest.")] string? run = "latest",
        [Description("Checkpoint file name in the run's folder, e.g. latest.pt or best.pt. Default: latest.pt.")] string file = "latest.pt",
        [Description("Only list the run's checkpoint files with sizes and modified times; download nothing. Default: false.")] bool list_only = false,
        [Description("Replace an existing local file that differs from the volume's. Default: false.")] bool overwrite = false,
        CancellationToken cancellationToken = default)
    {
        var token = context.Params?.ProgressToken;
        async ValueTask Report(long bytes, long? expected)
        {
            if (token is { } t)
            {
                // Awaited, not fire-and-forget, so notifications arrive in order and before the result.
                await server.NotifyProgressAsync(t, new ProgressNotificationValue
                {
                    Progress = bytes,
                    Total = expected,
                    Message = expected is { } e and > 0 ? $"{bytes * 100.0 / e:0}% of {file}" : $"{bytes} bytes of {file}",
                }, cancellationToken: cancellationToken);
            }
        }

        return ToolResults.RunAsync(Name, logger, AppJsonContext.Default.CheckpointReport,
            () => list_only
                ? service.ListAsync(RunReference.Parse(run), cancellationToken)
                : service.PullAsync(RunReference.Parse(run), file, overwrite, Report, cancellationToken),
            CheckpointMarkdown.Render);
    }
}
