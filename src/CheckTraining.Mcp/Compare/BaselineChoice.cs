using System.Text.Json.Nodes;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Json;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Compare;

/// <summary>
/// How the baseline will be found: the filter that rides in the run's second request, and how it was chosen (said in
/// every report). <c>Given</c> is the caller's reference, or null for the default baseline.
/// </summary>
public sealed record BaselineChoice(JsonObject Filter, string ChosenBy, RunReference? Given)
{
    /// <summary>The caller's baseline, else the newest finished run before this one with the same match-key values.</summary>
    public static BaselineChoice For(WandbRun run, WandbScope scope, string? baseline, CompareRunsOptions options)
    {
        if (!string.IsNullOrWhiteSpace(baseline))
        {
            var given = RunReference.Parse(baseline);
            if (given.Kind == RunReferenceKind.Latest)
            {
                throw new InvalidArgumentException("baseline must name a run (id, display name or run URL); 'latest' is not a baseline. Omit it for the default.");
            }

            if (given.Entity is { } e && given.Project is { } p && (e != scope.Entity || p != scope.Project))
            {
                throw new InvalidArgumentException($"baseline '{baseline}' is in {e}/{p}; it must be in the run's own project {scope}.");
            }

            if (given.Value == run.Id)
            {
                throw new InvalidArgumentException($"baseline '{baseline}' is the run itself ({run.Id}); name an earlier run, or omit baseline for the default.");
            }

            // Never the run itself: a shared display name then means the newest other run that has it.
            var filter = new JsonObject
            {
                ["$and"] = new JsonArray(BaselineFilter.Named(given), new JsonObject { ["name"] = new JsonObject { ["$ne"] = run.Id } }),
            };
            return new BaselineChoice(filter, $"given: {given}", given);
        }

        var matched = BaselineFilter.Previous(run, options.MatchConfigKeys, out var unmatched);
        var values = options.MatchConfigKeys.Except(unmatched)
            .Select(k => $"{k} = {JsonValues.AsDisplay(run.ConfigValue(k))}")
            .ToList();
        var chosen = "the newest finished run created before this one" +
                     (values.Count > 0 ? $" with the same {string.Join(", ", values)}" : "") +
                     (unmatched.Count > 0 ? $" (not matched on {string.Join(", ", unmatched)}: this run has no single value there that W&B's filters can match)" : "") +
                     (run.CreatedAt is null ? " (the run's creation time is unknown, so the baseline may be newer)" : "");
        return new BaselineChoice(matched, chosen, null);
    }

    /// <summary>Why there is no baseline, with what to do.</summary>
    public string NoneFound(WandbScope scope) => Given is { } given
        ? $"No baseline run named '{given}' (id or display name) in {scope}."
        : $"No baseline: {ChosenBy.Replace("the newest", "no", StringComparison.Ordinal)} exists in {scope}. Pass baseline=<run id or name> to choose one.";
}
