using System.Globalization;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Plots;

/// <summary>A run's curves, ready to draw (null when there is nothing to draw), and the structured summary.</summary>
public sealed record RunPlot(PlotReport Report, RunChartData? Chart);

/// <summary>
/// plot_run's data: the metrics path's own two reads (run, then one sampled history; cached like every read), turned
/// into chart coordinates. Training series are drawn against progress in epochs, validation metrics per epoch.
/// </summary>
public sealed class PlotService(RunMetricsService metrics, IOptions<MetricProfileOptions> options)
{
    public const int MaxMetrics = 8;

    public async Task<RunPlot> PlotAsync(RunReference reference, IReadOnlyList<string>? keys, CancellationToken cancellationToken)
    {
        var profile = options.Value;
        var requested = Check(keys);
        var resolved = await metrics.ResolveAsync(reference, cancellationToken);
        var extra = requested?.Where(k => k != profile.BatchLossKey).ToList() ?? [];
        var (report, history) = await metrics.BuildWithHistoryAsync(resolved, extra, cancellationToken);
        var counts = resolved.Run.HistoryKeys.Counts;
        var notes = new List<string>();
        if (requested is not null)
        {
            notes.AddRange(requested.Where(k => !counts.ContainsKey(k)).Select(k => $"'{EchoedInput.Of(k)}' was never logged by this run."));
        }

        var lastStep = resolved.Run.HistoryKeys.LastStep ?? history.Loss.Select(p => p.Step).DefaultIfEmpty(0).Max();
        var axis = ProgressAxis.From(history.Epochs, lastStep, report.Run.State == "running" ? report.Progress.BatchPercent : null);
        var series = new List<PlottedSeries>();
        var training = new List<TrainingCurve>();
        if (requested is null || requested.Contains(profile.BatchLossKey))
        {
            AddTraining(profile.BatchLossKey, history.Loss.Select(p => (p.Step, p.Value)).ToList(), report.Loss.Sampled);
        }

        foreach (var (key, points) in history.Extras.Where(e => report.Validation.Metrics.All(m => m.Key != e.Key)))
        {
            AddTraining(key, points, counts.GetValueOrDefault(key) > HistoryPlan.MaxSamples);
        }

        var validation = new List<ValidationCurve>();
        var epochX = report.Validation.Epochs.Select(e => axis.X(e.Step)).ToList();
        foreach (var m in report.Validation.Metrics.Where(m => requested is null || requested.Contains(m.Key)))
        {
            var shown = m.Values.Select((v, i) => (v, x: epochX[i])).Where(p => p.v is not null).ToList();
            validation.Add(new ValidationCurve(m.Label, shown.Select(p => p.x).ToList(), shown.Select(p => p.v!.Value).ToList(), m.Target,
                shown.Select(p => Targets.Meets(m.Goal, m.Target, p.v)).ToList()));
            series.Add(new PlottedSeries(m.Key, m.Label, "validation", shown.Count, report.Validation.Sampled, m.Values.Count - shown.Count,
                m.Values.Count > 0 ? m.Values[0] : null, m.Values.Count > 0 ? m.Values[^1] : null, m.Values.Min(), m.Values.Max(), m.Target, m.Values));
        }

        var plot = new PlotReport(report.Run.Id, report.Run.DisplayName, report.Run.State, report.Run.Url, report.AsOf,
            axis.InEpochs ? "epochs" : "step", axis.Boundaries, series, notes, null);
        if (training.Count == 0 && validation.All(v => v.X.Count == 0))
        {
            notes.Add("This run has no history to plot yet (nothing logged, or none of the requested metrics).");
            return new RunPlot(plot, null);
        }

        var sampled = series.Where(s => s.Sampled).Select(s => $"{s.Label}: {s.Points:N0} of {counts.GetValueOrDefault(s.Key):N0} points, sampled by W&B").ToList();
        var subtitle = $"as of {report.AsOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}" +
                       (sampled.Count > 0 ? " · " + string.Join("; ", sampled) : "");
        var chart = new RunChartData($"{report.Run.DisplayName} ({report.Run.Id}) · {report.Run.State}", subtitle,
            axis.InEpochs ? "training progress (epochs)" : "step", axis.Boundaries, training, validation);
        return new RunPlot(plot, chart);

        void AddTraining(string key, IReadOnlyList<(long Step, double Value)> points, bool isSampled)
        {
            var finite = points.Where(p => double.IsFinite(p.Value)).ToList();
            var bad = points.Count - finite.Count;
            if (bad > 0)
            {
                notes.Add($"{key}: {bad} non-finite value(s) (NaN/inf) from step {points.First(p => !double.IsFinite(p.Value)).Step} are not drawn: the run may have diverged.");
            }

            if (finite.Count == 0)
            {
                return;
            }

            var ys = finite.Select(p => p.Value).ToList();
            training.Add(new TrainingCurve(key, finite.Select(p => axis.X(p.Step)).ToList(), ys, Smoothing.Ema(ys)));
            series.Add(new PlottedSeries(key, key, "training", finite.Count, isSampled, bad, ys[0], ys[^1], ys.Min(), ys.Max(), null, null));
        }
    }

    private static List<string>? Check(IReadOnlyList<string>? keys)
    {
        var list = keys?.Select(k => k?.Trim() ?? "").Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list is null || list.Count == 0)
        {
            return null;
        }

        if (list.Count > MaxMetrics || list.Any(k => k.Length > 200 || k.Any(char.IsControl)))
        {
            throw new InvalidArgumentException(
                $"metrics takes up to {MaxMetrics} W&B history keys (e.g. [\"batch/loss\", \"val_loss/total\"]) of at most 200 characters each.");
        }

        return list;
    }
}
