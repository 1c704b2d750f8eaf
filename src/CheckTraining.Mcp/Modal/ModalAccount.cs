using System.Text.Json.Serialization;
using CheckTraining.Mcp.Configuration;
using Microsoft.Extensions.Options;
using Tomlyn;
using Tomlyn.Serialization;

namespace CheckTraining.Mcp.Modal;

/// <summary>
/// Which Modal account the CLI will act as, resolved the way the CLI resolves it (modal config.py): the token id from
/// <c>MODAL_TOKEN_ID</c>, else from the selected profile of <c>MODAL_CONFIG_PATH</c> or <c>~/.modal.toml</c>; the profile
/// from <c>MODAL_PROFILE</c>, else the one marked <c>active = true</c>, else <c>default</c>. Only a fingerprint leaves
/// this class, so cached listings of two accounts never mix in a shared Redis. The file is re-read when it changes
/// (<c>modal profile activate</c> rewrites it). Knows nothing about MCP.
/// </summary>
public sealed class ModalAccount(IOptions<ModalOptions> options)
{
    private readonly Lock _gate = new();
    private (string Path, DateTime Written, long Length, string Fingerprint)? _last;

    /// <summary>The config file the CLI reads.</summary>
    public string ConfigPath => NonEmpty(options.Value.ConfigPath)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".modal.toml");

    /// <summary>A short, stable fingerprint of token id, profile, environment and server; never the token id itself.</summary>
    public string Fingerprint()
    {
        var path = ConfigPath;
        var file = new FileInfo(path);
        var (written, length) = file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1L);
        lock (_gate)
        {
            if (_last is { } last && last.Path == path && last.Written == written && last.Length == length)
            {
                return last.Fingerprint;
            }

            var fingerprint = Compute(file.Exists ? ReadOrNull(path) : null);
            _last = (path, written, length, fingerprint);
            return fingerprint;
        }
    }

    private string Compute(string? toml)
    {
        var o = options.Value;
        var profiles = Parse(toml, out var unreadable);
        if (unreadable)
        {
            // The CLI will refuse such a file too; its bytes still tell two accounts apart.
            return Caching.CacheScope.Hash($"unparsed\x1f{NonEmpty(o.TokenId)}\x1f{o.Profile}\x1f{o.Environment}\x1f{o.ServerUrl}\x1f{toml}");
        }

        var name = NonEmpty(o.Profile) ?? profiles.FirstOrDefault(p => p.Value.Active == true).Key ?? "default";
        var profile = profiles.GetValueOrDefault(name);
        var tokenId = NonEmpty(o.TokenId) ?? profile?.TokenId ?? "";
        var environment = NonEmpty(o.Environment) ?? profile?.Environment ?? "";
        var server = NonEmpty(o.ServerUrl) ?? profile?.ServerUrl ?? "";
        return Caching.CacheScope.Hash($"{tokenId}\x1f{name}\x1f{environment}\x1f{server}");
    }

    private static Dictionary<string, ModalProfile> Parse(string? toml, out bool unreadable)
    {
        unreadable = false;
        if (string.IsNullOrWhiteSpace(toml))
        {
            return [];
        }

        try
        {
            return TomlSerializer.Deserialize(toml, ModalTomlContext.Default.DictionaryStringModalProfile) ?? [];
        }
        catch (Exception ex) when (ex is TomlException or FormatException or InvalidOperationException)
        {
            unreadable = true;
            return [];
        }
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // the CLI will say what is wrong with it; an unreadable file is no account
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>One table of <c>~/.modal.toml</c>: the keys that say whose account it is (the secret is never read).</summary>
public sealed class ModalProfile
{
    [JsonPropertyName("token_id")]
    public string? TokenId { get; set; }

    [JsonPropertyName("environment")]
    public string? Environment { get; set; }

    [JsonPropertyName("server_url")]
    public string? ServerUrl { get; set; }

    [JsonPropertyName("active")]
    public bool? Active { get; set; }
}

[TomlSerializable(typeof(Dictionary<string, ModalProfile>))]
internal partial class ModalTomlContext : TomlSerializerContext;
