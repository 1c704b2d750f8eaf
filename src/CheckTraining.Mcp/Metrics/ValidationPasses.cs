using System.Text.Json.Nodes;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Metrics;

/// <summary>One validation pass: consecutive validation log calls with no training row between them.</summary>
internal sealed record ValidationPass(double? Epoch, long FirstStep, IReadOnlyList<JsonObject> Rows, long? TrainerStep = null)
{
    /// <summary>A metric's value in this pass (the last one logged, if it was logged twice).</summary>
    public double? Latest(string key) => Rows.Select(r => JsonValues.AsDouble(r[key])).LastOrDefault(v => v is not null);
}

/// <summary>
/// Groups validation rows into passes. Scripts log an epoch's validation in one <c>wandb.log()</c> call or in several
/// (headline metrics with the epoch, then losses, then per-category numbers), each with its own <c>_step</c>. Rows belong
/// to one pass while no training row lies between them and no metric repeats. A pass's epoch is the epoch on any of its
/// rows, else the last epoch logged before it.
/// </summary>
internal static class ValidationPasses
{
    /// <param name="rows">Validation rows by step (each holds at least one validation metric).</param>
    /// <param name="metricKeys">The validation metric keys.</param>
    /// <param name="epochKey">The epoch key.</param>
    /// <param name="trainingSteps">Steps of rows known to be training rows (sampled), ascending.</param>
    /// <param name="epochs">Known (step, epoch) points, ascending by step.</param>
    /// <param name="stepKey">The trainer step key (a pass's trainer step is the first one on its rows), if the run logs one.</param>
    public static IReadOnlyList<ValidationPass> Group(SortedDictionary<long, JsonObject> rows, IReadOnlyList<string> metricKeys, string epochKey,
        IReadOnlyList<long> trainingSteps, IReadOnlyList<(long Step, double Epoch)> epochs, string? stepKey = null)
    {
        var passes = new List<List<(long Step, JsonObject Row)>>();
        List<(long Step, JsonObject Row)>? current = null;
        foreach (var (step, row) in rows)
        {
            var repeats = current is not null && metricKeys.Any(k => row[k] is not null && current.Any(c => c.Row[k] is not null));
            if (current is null || repeats || TrainingBetween(trainingSteps, current[^1].Step, step))
            {
                passes.Add(current = []);
            }

            current.Add((step, row));
        }

        return passes.Select(p =>
        {
            var own = p.Select(x => JsonValues.AsDouble(x.Row[epochKey])).FirstOrDefault(e => e is not null);
            var trainerStep = stepKey is null ? null : p.Select(x => JsonValues.AsLong(x.Row[stepKey])).FirstOrDefault(s => s is not null);
            return new ValidationPass(own ?? EpochBefore(epochs, p[0].Step), p[0].Step, p.Select(x => x.Row).ToList(), trainerStep);
        }).ToList();
    }

    private static bool TrainingBetween(IReadOnlyList<long> trainingSteps, long after, long before)
    {
        var i = LowerBound(trainingSteps, after + 1);
        return i < trainingSteps.Count && trainingSteps[i] < before;
    }

    private static double? EpochBefore(IReadOnlyList<(long Step, double Epoch)> epochs, long step)
    {
        double? last = null;
        foreach (var (s, e) in epochs)
        {
            if (s >= step)
            {
                break;
            }

            last = e;
        }

        return last;
    }

    private static int LowerBound(IReadOnlyList<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
