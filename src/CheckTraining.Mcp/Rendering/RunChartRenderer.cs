using CheckTraining.Mcp.Plots;
using ScottPlot;
using SkiaSharp;

namespace CheckTraining.Mcp.Rendering;

/// <summary>
/// Draws plot_run's picture with ScottPlot: training curves against progress (raw faint, smoothed on top) over the
/// validation metrics per epoch (targets dashed, pass/fail marked), epoch boundaries as guides in both.
/// </summary>
internal static class RunChartRenderer
{
    public const int Width = 900;
    public const int Height = 500;

    private static readonly Color[] Palette = [Colors.Navy, Colors.DarkOrange, Colors.SeaGreen, Colors.Purple, Colors.Crimson, Colors.Teal];

    public static byte[] RenderPng(RunChartData chart)
    {
        ChartFonts.EnsureRegistered();
        var hasValidation = chart.Validation.Any(v => v.X.Count > 0);
        var topHeight = hasValidation ? (int)(Height * 0.58) : Height;
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height)) ?? throw new InvalidOperationException("SkiaSharp could not create a surface.");
        surface.Canvas.Clear(SKColors.White);

        var top = TrainingPanel(chart, hasValidation);
        Draw(surface.Canvas, top, 0, topHeight);
        if (hasValidation)
        {
            var bottom = ValidationPanel(chart);
            bottom.Axes.SetLimitsX(top.Axes.GetLimits().Left, top.Axes.GetLimits().Right); // one x axis for both panels
            Draw(surface.Canvas, bottom, topHeight, Height - topHeight);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Each panel on its own surface first: a plot clears the whole canvas it renders on.</summary>
    private static void Draw(SKCanvas canvas, Plot plot, int y, int height)
    {
        using var panel = SKSurface.Create(new SKImageInfo(Width, height)) ?? throw new InvalidOperationException("SkiaSharp could not create a surface.");
        plot.Render(panel.Canvas, new PixelRect(new Pixel(0, 0), new PixelSize(Width, height)));
        using var image = panel.Snapshot();
        canvas.DrawImage(image, 0, y);
    }

    private static Plot TrainingPanel(RunChartData chart, bool hasValidation)
    {
        var plot = new Plot();
        plot.Title($"{chart.Title}\n{chart.Subtitle}", size: 13);
        plot.XLabel(hasValidation ? "" : chart.XLabel);
        plot.YLabel("training");
        foreach (var (curve, i) in chart.Training.Select((c, i) => (c, i)))
        {
            var color = Palette[i % Palette.Length];
            var raw = plot.Add.ScatterLine(curve.X.ToArray(), curve.Y.ToArray(), color.WithAlpha(0.25));
            raw.LineWidth = 1;
            var smooth = plot.Add.ScatterLine(curve.X.ToArray(), curve.Smoothed.ToArray(), color);
            smooth.LineWidth = 2;
            smooth.LegendText = curve.Label + " (smoothed)";
        }

        foreach (var curve in chart.BaselineTraining)
        {
            var dashed = plot.Add.ScatterLine(curve.X.ToArray(), curve.Smoothed.ToArray(), ColorOf(chart.Training.Select(c => c.Label), curve.Label, 0));
            dashed.LineWidth = 1.5f;
            dashed.LinePattern = LinePattern.Dashed;
            dashed.LegendText = curve.Label + " (baseline)";
        }

        Guides(plot, chart.EpochBoundaries);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>A baseline series takes the colour of the run's series with the same label.</summary>
    private static Color ColorOf(IEnumerable<string> labels, string label, int offset)
    {
        var i = labels.ToList().IndexOf(label);
        return Palette[(Math.Max(0, i) + offset) % Palette.Length];
    }

    private static Plot ValidationPanel(RunChartData chart)
    {
        var plot = new Plot();
        plot.XLabel(chart.XLabel);
        plot.YLabel("validation");
        foreach (var (curve, i) in chart.Validation.Where(v => v.X.Count > 0).Select((c, i) => (c, i)))
        {
            var color = Palette[(i + 1) % Palette.Length];
            var line = plot.Add.Scatter(curve.X.ToArray(), curve.Y.ToArray(), color);
            line.LegendText = curve.Label;
            line.MarkerSize = 0;
            for (var p = 0; p < curve.X.Count; p++)
            {
                var marker = plot.Add.Marker(curve.X[p], curve.Y[p],
                    curve.Meets[p] switch { true => MarkerShape.FilledCircle, false => MarkerShape.Cross, null => MarkerShape.OpenCircle },
                    size: 9, color: curve.Meets[p] switch { true => Colors.Green, false => Colors.Red, null => color });
                marker.LegendText = "";
            }

            if (curve.Target is { } target)
            {
                var line2 = plot.Add.HorizontalLine(target, width: 1.5f, color: color, pattern: LinePattern.Dashed);
                line2.LegendText = $"{curve.Label} target";
            }
        }

        foreach (var curve in chart.BaselineValidation.Where(v => v.X.Count > 0))
        {
            var dashed = plot.Add.Scatter(curve.X.ToArray(), curve.Y.ToArray(), ColorOf(chart.Validation.Where(v => v.X.Count > 0).Select(v => v.Label), curve.Label, 1));
            dashed.LinePattern = LinePattern.Dashed;
            dashed.MarkerShape = MarkerShape.OpenCircle;
            dashed.MarkerSize = 6;
            dashed.LegendText = curve.Label + " (baseline)";
        }

        Guides(plot, chart.EpochBoundaries);
        plot.ShowLegend(Alignment.UpperLeft); // validation starts after the first epoch, so the left is free
        return plot;
    }

    private static void Guides(Plot plot, IReadOnlyList<double> boundaries)
    {
        foreach (var x in boundaries)
        {
            var guide = plot.Add.VerticalLine(x, width: 1, color: Colors.Gray.WithAlpha(0.6), pattern: LinePattern.Dotted);
            guide.LegendText = "";
        }
    }
}
