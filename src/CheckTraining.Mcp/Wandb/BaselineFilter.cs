using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// Run filters (W&amp;B's MongoDB-style JSON) that find a baseline in the same request as the run's history. W&amp;B has no
/// "previous run with the same config" query, so the filter says it: same values at the match keys, finished, created
/// before this run, and not this run.
/// </summary>
public static class BaselineFilter
{
    /// <summary>The newest finished run created before <paramref name="run"/> with its values at <paramref name="matchKeys"/>.</summary>
    /// <param name="run">The run to compare.</param>
    /// <param name="matchKeys">Config dot-paths; a key the run does not have is left out and listed in <paramref name="unmatched"/>.</param>
    /// <param name="unmatched">Match keys the run has no value for.</param>
    public static JsonObject Previous(WandbRun run, IEnumerable<string> matchKeys, out IReadOnlyList<string> unmatched)
    {
        var conditions = new JsonArray();
        var missing = new List<string>();
        foreach (var key in matchKeys)
        {
            // A flat key that itself holds a dot cannot be matched by W&B's filters (wandb/wandb#3087): it goes unmatched.
            if (!(key.Contains('.', StringComparison.Ordinal) && run.Config.ContainsKey(key))
                && run.ConfigValue(key) is { } value and not JsonObject and not JsonArray)
            {
                conditions.Add((JsonNode)new JsonObject { ["config." + key] = value.DeepClone() });
            }
            else
            {
                missing.Add(key);
            }
        }

        conditions.Add((JsonNode)new JsonObject { ["state"] = WandbRunState.Finished.ApiName() });
        if (run.CreatedAt is { } created)
        {
            conditions.Add((JsonNode)new JsonObject { ["createdAt"] = new JsonObject { ["$lt"] = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture) } });
        }

        conditions.Add((JsonNode)new JsonObject { ["name"] = new JsonObject { ["$ne"] = run.Id } });
        unmatched = missing;
        return new JsonObject { ["$and"] = conditions };
    }

    /// <summary>A run the caller named: by id (from a URL), or by id or display name, newest first.</summary>
    public static JsonObject Named(RunReference reference) => reference.Kind switch
    {
        RunReferenceKind.Id => new JsonObject { ["name"] = reference.Value },
        RunReferenceKind.IdOrDisplayName => new JsonObject
        {
            ["$or"] = new JsonArray(new JsonObject { ["name"] = reference.Value }, new JsonObject { ["displayName"] = reference.Value }),
        },
        _ => throw new InvalidArgumentException("baseline must name a run: an id, a display name or a run URL ('latest' is not a baseline)."),
    };
}
