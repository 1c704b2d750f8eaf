using System.ComponentModel;
using CheckTraining.Mcp.Check;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Rendering;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

#pragma warning disable CA1707 // parameter names are the tool's public snake_case argument names

/// <summary>check_training: the whole "how's my run?" check, W&amp;B and Modal joined, in one call.</summary>
[McpServerToolType]
public sealed class CheckTrainingTool(CheckTrainingService service, IOptions<ModalOptions> modal)
{
    public const string Name = "check_training";

    [McpServerTool(Name = Name, Title = "Check a training run (W&B + Modal)", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(CheckTrainingReport))]
    [Description("""
        Start here for "how's my training run?" and "why?". One read-only call: a first-line verdict joining W&B and Modal
        that says why (healthy, hung with idle GPUs, stale, diverged, container gone, GPU still held, crashed with its
        console error, finished), then GPU use, the NaN onset, a baseline's deltas, the run's Modal app, progress,
        validation per epoch, loss trend, ETA and cost; with include_checkpoints, its checkpoint files. At most 2 W&B
        requests, one `modal app list`, one `modal volume ls`; if one fails, the other's sections still come back.
        It never stops, restarts or changes anything in W&B or Modal.
        """)]
    public async Task<CallToolResult> CheckTraining(
        [Description("Run id (e.g. 8za01pdm), display name, W&B run URL, or 'latest'. Default: latest.")]
        string? run = "latest",
        [Description("Also list the run's checkpoint files on the Modal volume (one `modal volume ls`). Default: false.")]
        bool include_checkpoints = false,
        CancellationToken cancellationToken = default)
    {
        RunReference reference;
        try
        {
            reference = RunReference.Parse(run);
        }
        catch (InvalidArgumentException ex)
        {
            CallMarks.MarkInvalidArgument();
            return ToolResults.Error(ex.Message);
        }

        var report = await service.CheckAsync(reference, include_checkpoints, cancellationToken);
        report = report with { RunError = ToolHints.Hinted(report.RunError), AppError = ToolHints.Hinted(report.AppError) };
        if (report.AllFailed)
        {
            // isError only when both backends failed; each message names its fix.
            return ToolResults.Error($"Neither W&B nor Modal could be read.\nW&B: {report.RunError?.Message}\nModal: {report.AppError?.Message}");
        }

        var text = CheckTrainingMarkdown.Render(report, modal.Value.DashboardUrl) + NextSteps.Render(NextSteps.For(report));
        return ToolResults.Success(report, AppJsonContext.Default.CheckTrainingReport, text);
    }
}
