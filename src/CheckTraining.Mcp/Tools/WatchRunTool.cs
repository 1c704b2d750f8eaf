using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Rendering;
using CheckTraining.Mcp.Wandb;
using CheckTraining.Mcp.Watch;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

#pragma warning disable CA1707 // parameter names are the tool's public snake_case argument names

/// <summary>
/// watch_run: one call that waits until the run changes, then answers with check_training's report. The synchronous wait
/// only: ModelContextProtocol 2.4.0 (the newest served) has no tasks extension (README, watch_run).
/// </summary>
[McpServerToolType]
public sealed class WatchRunTool(WatchService service, IOptions<ModalOptions> modal)
{
    public const string Name = "watch_run";

    [McpServerTool(Name = Name, Title = "Watch a training run", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(WatchRunReport))]
    [Description("""
        Waits until the run changes, then answers with check_training's report and one line on what happened and when: for
        "tell me when epoch 2 is done" or "tell me if it dies", instead of calling check_training again and again. An ended
        run answers at once; the timeout answers "no change in N min". Polls every 30 s (2 W&B requests + `modal app list`,
        shared by all watchers of the run), with progress per poll. It never stops or changes anything in W&B or Modal.
        """)]
    public async Task<CallToolResult> WatchRun(
        RequestContext<CallToolRequestParams> context,
        [Description("Run id (e.g. 8za01pdm), display name, W&B run URL, or 'latest'. Default: latest.")]
        string? run = "latest",
        [Description("change: the verdict or W&B state changes; epoch: a new validation epoch, or a change; finished: the run ends. Default: change.")]
        WatchUntil until = WatchUntil.Change,
        [Description("Seconds to wait, 1 to 3600. Default 600.")]
        [Range(1, WatchService.MaxTimeoutSeconds)]
        int timeout_seconds = 600,
        CancellationToken cancellationToken = default)
    {
        WatchRunReport watch;
        try
        {
            var progress = context.Params?.ProgressToken is { } token ? new McpProgress(context.Server, token) : NoProgress;
            watch = await service.WatchAsync(RunReference.Parse(run), until, timeout_seconds, progress, cancellationToken);
        }
        catch (UserFacingException ex)
        {
            return ToolResults.Error(ex.Message);
        }

        var report = watch.Check with { RunError = ToolHints.Hinted(watch.Check.RunError), AppError = ToolHints.Hinted(watch.Check.AppError) };
        if (report.AllFailed)
        {
            return ToolResults.Error($"Nothing to watch: neither W&B nor Modal could be read.\nW&B: {report.RunError?.Message}\nModal: {report.AppError?.Message}");
        }

        watch = watch with { Check = report };
        var text = WatchMarkdown.Headline(watch) + "\n\n" + CheckTrainingMarkdown.Render(report, modal.Value.DashboardUrl) + NextSteps.Render(NextSteps.For(report));
        return ToolResults.Success(watch, AppJsonContext.Default.WatchRunReport, text);
    }

    private static readonly IWatchProgress NoProgress = new McpProgress(null, default);

    /// <summary>Each poll as one awaited progress notification (ordered, never dropped as fire-and-forget ones can be); nothing without a token.</summary>
    private sealed class McpProgress(McpServer? server, ProgressToken token) : IWatchProgress
    {
        public async ValueTask ReportAsync(WatchPoll poll, CancellationToken cancellationToken)
        {
            if (server is not null)
            {
                await server.NotifyProgressAsync(token, new ProgressNotificationValue
                {
                    Progress = (float)poll.Elapsed.TotalSeconds,
                    Total = (float)poll.Timeout.TotalSeconds,
                    Message = WatchMarkdown.Progress(poll),
                }, cancellationToken: cancellationToken);
            }
        }
    }
}
