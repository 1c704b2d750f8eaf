using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace CheckTraining.Mcp.Caching;

/// <summary>
/// Every cache key is built here, from what an answer depends on: the W&amp;B base URL, entity/project and a hash of
/// the API key (never the key); the Modal account's fingerprint; a fingerprint of the bound settings; and this build's
/// version. Readable where it helps, hashed where it must be. Two replicas share an entry only when all of these agree,
/// so a rolling upgrade, a replica with other metric settings, or another Modal account never serves a stranger's answer.
/// </summary>
public sealed class CacheScope(string wandbBaseUrl, string? entity, string? project, Func<string> modalAccount, string settings, string version)
{
    /// <summary>This build's version, with its source revision when the build knows it.</summary>
    public static string BuildVersion { get; } =
        typeof(CacheScope).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CacheScope).Assembly.GetName().Version?.ToString() ?? "0";

    private readonly string _baseUrl = wandbBaseUrl.TrimEnd('/');
    private readonly string _version = Hash(version);

    /// <summary>
    /// A raw W&amp;B answer: depends on the server, the caller's key and the query. It carries a hash of the document as
    /// well as its name, so two versions' queries of another shape never share an answer; settings do not shape it.
    /// </summary>
    public string Wandb(string apiKey, string? queryEntity, string? queryProject, string operation, string document, string variablesJson) =>
        $"ct:wandb:{_baseUrl}:{queryEntity}/{queryProject}:k{Hash(apiKey)}:{operation}:d{Hash(document)}:{Hash(variablesJson)}:v{_version}";

    /// <summary>A Modal listing: depends on the account (token, profile, environment) and the arguments.</summary>
    public string Modal(IEnumerable<string> arguments) =>
        $"ct:modal:m{modalAccount()}:{Hash(string.Join('\x1f', arguments))}:v{_version}";

    /// <summary>A built tool result: everything above, plus the settings that shape reports.</summary>
    public string ToolResult(string tool, string argumentsJson, string apiKey) =>
        $"ct:result:{tool}:{_baseUrl}:{entity}/{project}:k{Hash(apiKey)}:m{modalAccount()}:s{settings}:{Hash(argumentsJson)}:v{_version}";

    /// <summary>First 16 hex digits of SHA-256: enough to separate, too short to matter if read.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
