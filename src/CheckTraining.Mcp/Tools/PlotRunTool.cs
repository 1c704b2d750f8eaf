using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CheckTraining.Mcp.Plots;
using CheckTraining.Mcp.Rendering;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

/// <summary>plot_run: the run's training curves as a PNG, with a text summary for clients that show no images.</summary>
[McpServerToolType]
public sealed class PlotRunTool(PlotService service, ILogger<PlotRunTool> logger)
{
    public const string Name = "plot_run";

    [McpServerTool(Name = Name, Title = "Plot a training run", ReadOnly = true, Destructive = false, Idempotent = true,
        OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(PlotReport))]
    [Description("""
        Read-only PNG (about 900x500) of a W&B run's training curves, with a short text summary: the batch loss against
        progress in epochs (raw and smoothed), over the validation metrics per epoch against their targets; with baseline,
        that run's curves dashed beside them. Use it to see whether the loss is falling, flat or oscillating. The same two
        W&B reads as get_run_metrics (cached); long histories are sampled by W&B. It never changes anything in W&B or Modal.
        """)]
    public async Task<CallToolResult> PlotRun(
        [Description("Run id (e.g. 8za01pdm), display name, W&B run URL, or 'latest'. Default: latest.")]
        string? run = "latest",
        [Description("Up to 8 W&B history keys to plot instead of the defaults, e.g. [\"batch/loss\", \"val_loss/total\"]. " +
                     "Validation keys are drawn per epoch.")]
        string[]? metrics = null,
        [Description("A run to overlay, dashed: its id, display name or URL, or 'previous' for compare_runs' default baseline " +
                     "(the newest finished earlier run with the same model.arch). Default: none.")]
        string? baseline = null,
        CancellationToken cancellationToken = default)
    {
        var outcome = await Outcome.CaptureAsync(Name, logger, async () =>
        {
            var plot = await service.PlotAsync(RunReference.Parse(run), metrics, baseline, cancellationToken);
            if (plot.Chart is null)
            {
                return (plot.Report, Png: (byte[]?)null);
            }

            var clock = Stopwatch.StartNew();
            var png = RunChartRenderer.RenderPng(plot.Chart);
            var image = new PlotImage(RunChartRenderer.Width, RunChartRenderer.Height, png.Length, Math.Round(clock.Elapsed.TotalMilliseconds, 1));
            return (plot.Report with { Image = image }, Png: png);
        });
        if (outcome.Failure is { } failure)
        {
            return ToolResults.Error(ToolHints.Explain(failure));
        }

        var (report, bytes) = outcome.Value;
        var text = Summary(report);
        return bytes is null
            ? ToolResults.Success(report, AppJsonContext.Default.PlotReport, text)
            : ToolResults.Success(report, AppJsonContext.Default.PlotReport, text, ImageContentBlock.FromBytes(bytes, "image/png"));
    }

    /// <summary>What the picture shows, in a few lines.</summary>
    private static string Summary(PlotReport r)
    {
        var sb = new StringBuilder($"Chart of {r.DisplayName} ({r.RunId}), {r.State}, {Format.AsOf(r.AsOf)}; x axis: {r.XAxis}.");
        if (NamesakeLine.For(r.DisplayName, r.RunId, r.State, r.Namesakes) is { } namesakes)
        {
            sb.Append('\n').Append(namesakes);
        }

        foreach (var s in r.Series)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n- {s.Label} ({s.Panel}): {s.Points} point(s){(s.Sampled ? ", sampled by W&B" : "")}, ");
            sb.Append(s.Panel == "validation"
                ? string.Join(" → ", s.Values!.Select(v => Format.Value(v))) + (s.Target is { } t ? $" (target {Format.Value(t)})" : "")
                : $"{Format.Loss(s.First)} → {Format.Loss(s.Last)}, min {Format.Loss(s.Min)}");
        }

        foreach (var note in r.Notes)
        {
            sb.Append("\n- ").Append(note);
        }

        return sb.ToString();
    }
}
