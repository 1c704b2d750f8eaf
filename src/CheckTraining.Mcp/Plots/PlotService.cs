using System.Globalization;
using CheckTraining.Mcp.Compare;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Plots;

/// <summary>A run's curves, ready to draw (null when there is nothing to draw), and the structured summary.</summary>
public sealed record RunPlot(PlotReport Report, RunChartData? Chart);

/// <summary>
/// plot_run's data: the metrics path's own two reads (run, then one sampled history; cached like every read), turned
/// into chart coordinates. Training series are drawn against progress in epochs, validation metrics per epoch. A
/// baseline rides in the same second request, and its curves are drawn dashed against its own progress.
/// </summary>
public sealed class PlotService(RunMetricsService metrics, IOptions<MetricProfileOptions> options, IOptions<CompareRunsOptions> compare)
{
    public const int MaxMetrics = 8;

    /// <summary>The <c>baseline</c> value that asks for the default baseline (compare_runs' rule).</summary>
    public const string PreviousBaseline = "previous";

    public async Task<RunPlot> PlotAsync(RunReference reference, IReadOnlyList<string>? keys, string? baseline, CancellationToken cancellationToken)
    {
        var profile = options.Value;
        var requested = Check(keys);
        var resolved = await metrics.ResolveAsync(reference, cancellationToken);
        var choice = string.IsNullOrWhiteSpace(baseline)
            ? null
            : BaselineChoice.For(resolved.Run, resolved.Scope, baseline.Trim().Equals(PreviousBaseline, StringComparison.OrdinalIgnoreCase) ? null : baseline, compare.Value);
        var extra = requested?.Where(k => k != profile.BatchLossKey).ToList() ?? [];
        var read = await metrics.ReadAsync(resolved, new RunExtras(extra, BaselineFilter: choice?.Filter), cancellationToken);
        var notes = new List<string>();
        if (requested is not null)
        {
            var counts = resolved.Run.HistoryKeys.Counts;
            notes.AddRange(requested.Where(k => !counts.ContainsKey(k)).Select(k => $"'{EchoedInput.Of(k)}' was never logged by this run."));
        }

        var own = Curves(read.Report, read.History, resolved.Run.HistoryKeys, requested, notes, baseline: false);
        var other = choice is null ? null : BaselineCurves(resolved.Scope, read, choice, requested, notes);
        var report = read.Report;
        var plot = new PlotReport(report.Run.Id, report.Run.DisplayName, report.Run.State, report.Run.Url, report.AsOf,
            own.Axis.InEpochs ? "epochs" : "step", own.Axis.Boundaries, [.. own.Series, .. other?.Series ?? []], notes, null, other?.Run,
            report.Run.Namesakes);
        if (own.Training.Count == 0 && own.Validation.All(v => v.X.Count == 0))
        {
            notes.Add("This run has no history to plot yet (nothing logged, or none of the requested metrics).");
            return new RunPlot(plot, null);
        }

        var chart = new RunChartData(Title(report, other?.Run), Subtitle(report, own.Series, resolved.Run.HistoryKeys.Counts),
            own.Axis.InEpochs ? "training progress (epochs)" : "step", own.Axis.Boundaries, own.Training, own.Validation)
        {
            BaselineTraining = other?.Training ?? [],
            BaselineValidation = other?.Validation ?? [],
        };
        return new RunPlot(plot, chart);
    }

    private sealed record CurveSet(ProgressAxis Axis, List<TrainingCurve> Training, List<ValidationCurve> Validation, List<PlottedSeries> Series, RunIdentity? Run = null);

    private CurveSet? BaselineCurves(WandbScope scope, RunRead read, BaselineChoice choice, List<string>? requested, List<string> notes)
    {
        if (read.Details.Baseline is not { } found)
        {
            notes.Add(choice.NoneFound(scope) + " The chart shows the run alone.");
            return null;
        }

        var (report, history) = metrics.BuildBaseline(scope, read, found);
        notes.Add($"Dashed: baseline {report.Run.DisplayName} ({report.Run.Id}), {choice.ChosenBy}.");
        return Curves(report, history, found.Run.HistoryKeys, requested, notes, baseline: true) with { Run = report.Run };
    }

    private CurveSet Curves(RunMetricsReport report, RunHistory history, HistoryKeys keys, List<string>? requested, List<string> notes, bool baseline)
    {
        var profile = options.Value;
        var lastStep = keys.LastStep ?? history.Loss.Select(p => p.Step).DefaultIfEmpty(0).Max();
        var axis = ProgressAxis.From(history.Epochs, lastStep, report.Run.RunState == WandbRunState.Running ? report.Progress.BatchPercent : null);
        var set = new CurveSet(axis, [], [], []);
        if (requested is null || requested.Contains(profile.BatchLossKey))
        {
            AddTraining(set, profile.BatchLossKey, history.Loss.Select(p => (p.Step, p.Value)).ToList(), report.Loss.Sampled, notes, baseline);
        }

        foreach (var (key, points) in history.Extras.Where(e => report.Validation.Metrics.All(m => m.Key != e.Key)))
        {
            AddTraining(set, key, points, keys.Counts.GetValueOrDefault(key) > HistoryPlan.MaxSamples, notes, baseline);
        }

        var epochX = report.Validation.Epochs.Select(e => axis.X(e.Step)).ToList();
        foreach (var m in report.Validation.Metrics.Where(m => requested is null || requested.Contains(m.Key)))
        {
            var shown = m.Values.Select((v, i) => (v, x: epochX[i])).Where(p => p.v is not null).ToList();
            set.Validation.Add(new ValidationCurve(m.Label, shown.Select(p => p.x).ToList(), shown.Select(p => p.v!.Value).ToList(), m.Target,
                shown.Select(p => Targets.Meets(m.Goal, m.Target, p.v)).ToList()));
            set.Series.Add(new PlottedSeries(m.Key, m.Label, Panel("validation", baseline), shown.Count, report.Validation.Sampled, m.Values.Count - shown.Count,
                m.Values.Count > 0 ? m.Values[0] : null, m.Values.Count > 0 ? m.Values[^1] : null, m.Values.Min(), m.Values.Max(), m.Target, m.Values));
        }

        return set;
    }

    private static void AddTraining(CurveSet set, string key, IReadOnlyList<(long Step, double Value)> points, bool isSampled, List<string> notes, bool baseline)
    {
        var finite = points.Where(p => double.IsFinite(p.Value)).ToList();
        var bad = points.Count - finite.Count;
        if (bad > 0)
        {
            notes.Add($"{(baseline ? "baseline " : "")}{key}: {bad} non-finite value(s) (NaN/inf) from step " +
                      $"{points.First(p => !double.IsFinite(p.Value)).Step} are not drawn: the run may have diverged.");
        }

        if (finite.Count == 0)
        {
            return;
        }

        var ys = finite.Select(p => p.Value).ToList();
        set.Training.Add(new TrainingCurve(key, finite.Select(p => set.Axis.X(p.Step)).ToList(), ys, Smoothing.Ema(ys)));
        set.Series.Add(new PlottedSeries(key, key, Panel("training", baseline), finite.Count, isSampled, bad, ys[0], ys[^1], ys.Min(), ys.Max(), null, null));
    }

    private static string Panel(string panel, bool baseline) => baseline ? panel + " (baseline)" : panel;

    private static string Title(RunMetricsReport report, RunIdentity? baseline) =>
        $"{report.Run.DisplayName} ({report.Run.Id}) · {report.Run.State}" + (baseline is { } b ? $" vs {b.DisplayName} (dashed)" : "");

    private static string Subtitle(RunMetricsReport report, List<PlottedSeries> series, IReadOnlyDictionary<string, long> counts)
    {
        var sampled = series.Where(s => s.Sampled).Select(s => $"{s.Label}: {s.Points:N0} of {counts.GetValueOrDefault(s.Key):N0} points, sampled by W&B").ToList();
        return $"as of {report.AsOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}" +
               (sampled.Count > 0 ? " · " + string.Join("; ", sampled) : "");
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
