using System.Text.Json.Nodes;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// What the SDK's telemetry in <c>config._wandb.t</c> says. Feature list "3" holds 5 once the run was resumed
/// (wandb's telemetry.proto: Feature.resumed), whichever SDK language wrote it.
/// </summary>
internal static class WandbTelemetry
{
    /// <summary>The config key to request so the telemetry comes back.</summary>
    public const string ConfigKey = "_wandb";

    private const int ResumedFeature = 5;

    /// <param name="rawConfig">The run's config as W&amp;B sends it (values wrapped in <c>{"value": …}</c>).</param>
    public static bool MarksResume(JsonObject rawConfig)
    {
        var wandb = rawConfig[ConfigKey] is JsonObject o && o.ContainsKey("value") ? o["value"] : rawConfig[ConfigKey];
        return wandb?["t"]?["3"] is JsonArray features && features.Any(f => JsonValues.AsLong(f) == ResumedFeature);
    }
}
