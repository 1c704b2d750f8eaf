using Microsoft.Extensions.Configuration;

namespace CheckTraining.Mcp.Caching;

/// <summary>
/// A hash of every setting that shapes a report (metric keys and targets, GPU rates, diagnosis thresholds, baselines,
/// app matching, …), as configured: defaults live in the code, which the build version in every key covers. Secrets and
/// settings that shape only the transport (Http, Cache, Logging, Stdio, Tools) are left out.
/// </summary>
public static class SettingsFingerprint
{
    private static readonly string[] ShapingSections = ["Wandb", "Modal", "Metrics", "Diagnosis", "Compare", "Checkpoints", "Watch"];

    /// <summary>Keys whose values are credentials; accounts are fingerprinted on their own (key hash, Modal account).</summary>
    private static readonly string[] SecretKeys = ["Wandb:ApiKey", "Wandb:NetrcPath", "Modal:TokenId", "Modal:ConfigPath"];

    public static string Of(IConfiguration configuration)
    {
        var pairs = ShapingSections
            .SelectMany(section => configuration.GetSection(section).AsEnumerable())
            .Where(p => p.Value is not null && !SecretKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase))
            .Select(p => $"{p.Key.ToLowerInvariant()}={p.Value}")
            .Order(StringComparer.Ordinal);
        return CacheScope.Hash(string.Join('\x1e', pairs));
    }
}
