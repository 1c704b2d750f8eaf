using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// The run filter for a run's live siblings: running runs of its group or sweep, itself excluded. A sweep's or a
/// <c>.map()</c>'s trials often share one Modal app, so they say whose tasks a crashed trial's app still runs.
/// </summary>
public static class SiblingFilter
{
    /// <summary>Null when the run has neither a group nor a sweep.</summary>
    public static JsonObject? For(WandbRun run)
    {
        var either = new JsonArray();
        if (!string.IsNullOrWhiteSpace(run.Group))
        {
            either.Add((JsonNode)new JsonObject { ["group"] = run.Group }); // the non-generic Add: the generic one is not trim-safe
        }

        if (!string.IsNullOrWhiteSpace(run.SweepName))
        {
            either.Add((JsonNode)new JsonObject { ["sweep"] = run.SweepName });
        }

        return either.Count == 0
            ? null
            : new JsonObject
            {
                ["$and"] = new JsonArray(
                    new JsonObject { ["$or"] = either },
                    new JsonObject { ["state"] = WandbRunState.Running.ApiName() },
                    new JsonObject { ["name"] = new JsonObject { ["$ne"] = run.Id } }),
            };
    }
}
