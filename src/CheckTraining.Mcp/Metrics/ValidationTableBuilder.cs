using System.Globalization;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Metrics;

/// <summary>One column per completed validation pass, whatever the logging style.</summary>
internal static class ValidationTableBuilder
{
    public static ValidationTable Build(HistoryPlan plan, RunHistory history, MetricProfileOptions profile, NonFiniteValues nonFinite, List<string> notes)
    {
        var passes = history.Passes;
        var by = PassesBy(history);
        var inferred = by != ValidationAxis.Step && passes.Any(p => p.Epoch is null);
        var numbered = new List<(double Epoch, ValidationPass Pass)>();
        foreach (var pass in passes)
        {
            var epoch = pass.Epoch ?? (numbered.Count > 0 ? numbered[^1].Epoch + 1 : 1);
            numbered.Add((epoch, pass));
        }

        // A resumed run may validate the same epoch again: the latest pass for an epoch stands.
        var repeated = numbered.GroupBy(n => n.Epoch).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var kept = numbered.Where((n, i) => !numbered.Skip(i + 1).Any(later => later.Epoch == n.Epoch)).ToList();
        if (repeated.Count > 0)
        {
            notes.Add($"Epoch {string.Join(", ", repeated.Select(e => e.ToString(CultureInfo.InvariantCulture)))} was validated more than once " +
                      "(a resumed run?); the latest pass is shown.");
        }

        if (inferred && kept.Count > 0)
        {
            notes.Add($"'{profile.EpochKey}' was not logged with or before some validation passes; those are numbered by order.");
        }

        if (plan.ValidationSampled)
        {
            notes.Add($"Validation history has more than {HistoryPlan.MaxSamples} points per metric; W&B sampled it.");
        }

        var epochs = kept.Select(k => new ValidationEpoch(
            k.Epoch,
            k.Pass.FirstStep,
            Targets.Round(k.Pass.Rows.Select(r => JsonValues.AsDouble(r["_runtime"])).Max() / 3600),
            JsonValues.FromUnixSeconds(k.Pass.Rows.Select(r => JsonValues.AsDouble(r["_timestamp"])).Max()),
            k.Pass.Rows.Count,
            k.Pass.TrainerStep)).ToList();
        var metrics = plan.Metrics.Select(m =>
        {
            var values = kept.Select(k => nonFinite.Check($"{m.Key}@{k.Pass.FirstStep}", k.Pass.Latest(m.Key))).ToList();
            var latest = values.LastOrDefault(v => v is not null);
            var configured = profile.Validation.Any(v => v.Key == m.Key);
            var goal = MetricGoals.Of(m);
            return new ValidationMetric(m.Key, m.Label, m.Target, goal, m.Percent, values, latest, Targets.Meets(goal, m.Target, latest), configured);
        }).ToList();
        double? complete = by switch
        {
            ValidationAxis.Step => null,
            ValidationAxis.EpochValue => Math.Floor(history.Epochs.Max(e => e.Epoch) + 1e-9), // complete once the value passes a whole number
            _ => epochs.Count,
        };
        return new ValidationTable(epochs, metrics, inferred, plan.ValidationSampled, by, complete);
    }

    /// <summary>
    /// By step when the run validated without logging any epoch; by epoch value when any logged epoch is fractional.
    /// A run with no pass yet keeps the epoch default, so a crash before the first validation reads as that.
    /// </summary>
    public static string PassesBy(RunHistory history) =>
        history.Epochs.Count == 0 && history.Passes.Count > 0 && history.Passes.All(p => p.Epoch is null) ? ValidationAxis.Step
        : EpochValues.AreFractional(history.Epochs) ? ValidationAxis.EpochValue
        : ValidationAxis.Epoch;
}
