using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// The one place the W&amp;B API key enters: <c>WANDB_API_KEY</c>, else the netrc entry for the API host that
/// <c>wandb login</c> writes (<c>NETRC</c>, else <c>~/.netrc</c>, else <c>~/_netrc</c>). The key is never logged.
/// When the host serves each caller with its own key (<see cref="IWandbCallContext.PerCallerKeys"/>), the current
/// call's key is the only one, and the server's own is never read.
/// </summary>
public sealed class WandbApiKeyProvider(IConfiguration configuration, IOptions<WandbOptions> options, IWandbCallContext calls) : IKnownSecrets
{
    internal const string ApiKeySetting = "Wandb:ApiKey";
    internal const string NetrcSetting = "Wandb:NetrcPath";

    private readonly Lazy<string?> _key = new(() => Resolve(configuration, options.Value));

    public bool HasKey => Key is not null;

    /// <summary>A key that can be sent: present, and not a placeholder the client left unexpanded.</summary>
    public bool HasUsableKey => Key is { } key && UnexpandedPlaceholder.Describe(key) is null;

    /// <summary>The call being served (null outside one), for per-call bookkeeping.</summary>
    public WandbCall? CurrentCall => calls.Current;

    private string? Key => calls.PerCallerKeys ? calls.Current?.ApiKey : _key.Value;

    /// <summary>This call's key (the caller's own in wandb-key mode), or null: for redacting it from text that leaves the server, never for sending.</summary>
    public string? KeyForRedaction => Key;

    /// <summary>
    /// The key, or throws a message naming both ways to provide one. A key that is still a <c>${...}</c> placeholder
    /// (a client that passed its config text through unexpanded) is refused here, before W&amp;B is asked: W&amp;B would
    /// only say "rejected", which points at the wrong fix.
    /// </summary>
    public string GetRequiredKey()
    {
        var key = Key ?? throw new WandbException(WandbErrorKind.MissingKey, calls.PerCallerKeys
            ? "This server reads W&B with each caller's own API key, and this call brought none. Send your W&B API key " +
              "(https://wandb.ai/authorize) as the bearer token: Authorization: Bearer <key>."
            : $"No W&B API key found. Set WANDB_API_KEY in the MCP server's environment, or run `wandb login` " +
              $"(it writes ~/.netrc for {MachineOf(options.Value.BaseUrl)}).");
        if (UnexpandedPlaceholder.Describe(key) is { } text)
        {
            throw new WandbException(WandbErrorKind.MissingKey, $"The W&B key is {text}: your client did not expand it. " +
                (calls.PerCallerKeys
                    ? "Send the key itself as the bearer token."
                    : "Put the key itself in the client's env block (the MCP Inspector: `-e WANDB_API_KEY=<your key>`), " +
                      $"or leave WANDB_API_KEY out and run `wandb login` (it writes ~/.netrc for {MachineOf(options.Value.BaseUrl)})."));
        }

        return key;
    }

    private static string? Resolve(IConfiguration configuration, WandbOptions options)
    {
        var key = configuration[ApiKeySetting];
        if (!string.IsNullOrWhiteSpace(key))
        {
            return key.Trim();
        }

        foreach (var path in NetrcCandidates(configuration[NetrcSetting]))
        {
            if (NetrcReader.FindPassword(path, MachineOf(options.BaseUrl)) is { Length: > 0 } fromNetrc)
            {
                return fromNetrc;
            }
        }

        return null;
    }

    private static IEnumerable<string> NetrcCandidates(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            yield return explicitPath;
            yield break;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        yield return Path.Combine(home, ".netrc");
        yield return Path.Combine(home, "_netrc");
    }

    /// <summary>netrc entries are keyed by host, plus <c>:port</c> when the URL has an explicit one.</summary>
    internal static string MachineOf(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
            ? (uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}")
            : baseUrl;
}
