using System.Security.Cryptography;
using System.Text;

namespace CheckTraining.Mcp.Caching;

/// <summary>
/// Cache keys that carry what an answer depends on, readable where it helps (base URL, entity/project) and hashed where
/// it must be (the API key is never stored, only a short hash that separates callers).
/// </summary>
public static class CacheKeys
{
    /// <summary>
    /// A W&amp;B answer's key. It carries a hash of the query document as well as its name, so replicas of two versions
    /// sharing one Redis during a rolling upgrade never serve each other answers of another shape.
    /// </summary>
    public static string Wandb(string baseUrl, string apiKey, string? entity, string? project, string operation, string document, string variablesJson) =>
        $"ct:wandb:{baseUrl.TrimEnd('/')}:{entity}/{project}:k{Hash(apiKey)}:{operation}:d{Hash(document)}:{Hash(variablesJson)}";

    public static string Modal(string? tokenId, string? profile, string? environment, IEnumerable<string> arguments) =>
        $"ct:modal:t{Hash(tokenId ?? "")}:{profile}:{environment}:{Hash(string.Join('\x1f', arguments))}";

    /// <summary>
    /// A built tool result: the tool, its arguments, and everything the raw reads' keys carry (W&amp;B base URL,
    /// entity/project, API-key hash; Modal token hash, profile and environment), so it is shared exactly where they are.
    /// </summary>
    public static string ToolResult(string tool, string argumentsJson, string wandbBaseUrl, string wandbApiKey, string? entity, string? project,
        string? modalTokenId, string? modalProfile, string? modalEnvironment) =>
        $"ct:result:{tool}:{wandbBaseUrl.TrimEnd('/')}:{entity}/{project}:k{Hash(wandbApiKey)}:" +
        $"t{Hash(modalTokenId ?? "")}:{modalProfile}:{modalEnvironment}:{Hash(argumentsJson)}";

    /// <summary>First 16 hex digits of SHA-256: enough to separate, too short to matter if read.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
