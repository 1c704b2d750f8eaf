using System.ComponentModel;
using CheckTraining.Mcp.Compare;
using CheckTraining.Mcp.Rendering;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

#pragma warning disable CA1707 // parameter names are the tool's public snake_case argument names

/// <summary>compare_runs: "is this run better than my last one?" in one call.</summary>
[McpServerToolType]
public sealed class CompareRunsTool(CompareService service, ILogger<CompareRunsTool> logger)
{
    public const string Name = "compare_runs";

    [McpServerTool(Name = Name, Title = "Compare a run with a baseline", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(RunComparison))]
    [Description("""
        Read-only side-by-side of a run and a baseline run: validation per epoch with deltas (better or worse by each
        metric's goal), batch loss at the same training progress, wall time and cost per epoch, and the config keys that
        differ. The default baseline is the newest finished run created before this one with the same model.arch
        (Compare:MatchConfigKeys); the report says how it was chosen. At most 3 W&B requests (usually 2). It never
        changes anything in W&B or Modal.
        """)]
    public Task<CallToolResult> CompareRuns(
        [Description("Run id (e.g. 8za01pdm), display name, full W&B run URL, or 'latest'. Default: latest.")]
        string? run = "latest",
        [Description("Baseline run id, display name or URL in the same project. Default: the newest finished earlier run with the same model.arch.")]
        string? baseline = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(Name, logger, AppJsonContext.Default.RunComparison,
            () => service.CompareAsync(RunReference.Parse(run), baseline, cancellationToken),
            CompareRunsMarkdown.Render);
}
