using System.ComponentModel;
using CheckTraining.Mcp.Rendering;
using CheckTraining.Mcp.Apps;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

/// <summary>get_app_status: Modal app state through <c>modal app list --json</c>.</summary>
[McpServerToolType]
public sealed class AppStatusTool(AppStatusService service, ILogger<AppStatusTool> logger)
{
    public const string Name = "get_app_status";

    [McpServerTool(Name = Name, Title = "Get Modal app status", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(AppStatusReport))]
    [Description("""
        Read-only Modal app status from `modal app list --json`: state, created, uptime, task count and stopped time; by
        default running apps plus the most recent others. Use it for "is the job still up on Modal?". It never connects to,
        stops, restarts or redeploys an app.
        """)]
    public Task<CallToolResult> GetAppStatus(
        [Description("Optional filter: an app id (ap-...) or part of the app's name/description. Default: running apps plus recent ones.")]
        string? app = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(Name, logger, AppJsonContext.Default.AppStatusReport,
            () => service.GetAsync(app, cancellationToken),
            AppStatusMarkdown.Render);
}
