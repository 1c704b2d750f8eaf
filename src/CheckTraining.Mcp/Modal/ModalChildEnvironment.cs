using System.Collections;
using CliWrap.Builders;

namespace CheckTraining.Mcp.Modal;

/// <summary>
/// What the <c>modal</c> child may inherit, an allow-list: PATH, HOME, USER, the locale (LANG, LC_*), TZ, TMPDIR,
/// MODAL_*, proxies and certificate bundles, and (on Windows only) the names Windows itself needs. Anything else
/// (AWS_*, HF_TOKEN, GITHUB_TOKEN, SSH_AUTH_SOCK, DATABASE_URL, CHECKTRAINING_*, WANDB_*) is unset, because CliWrap
/// hands the child the parent's environment unless a name is set to null. The terminal-hygiene variables ModalCli sets
/// itself (COLUMNS, NO_COLOR, TERM, PYTHONIOENCODING, PYTHONUTF8) are set after this, so they pass too.
/// </summary>
internal static class ModalChildEnvironment
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "PATH", "HOME", "USER", "LANG", "TZ", "TMPDIR",
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
        "COLUMNS", "NO_COLOR", "TERM", "PYTHONIOENCODING", "PYTHONUTF8",
    };

    private static readonly string[] Prefixes = ["LC_", "MODAL_", "SSL_CERT_"];

    // Without these a Windows process cannot start, find its profile (~/.modal.toml) or its temp folder.
    private static readonly HashSet<string> WindowsNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "USERPROFILE", "USERNAME", "HOMEDRIVE", "HOMEPATH",
        "APPDATA", "LOCALAPPDATA", "PROGRAMDATA", "TEMP", "TMP",
    };

    public static bool IsAllowed(string name, bool windows) =>
        Names.Contains(name) || Prefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || (windows && WindowsNames.Contains(name));

    /// <summary>The names to remove from <paramref name="inherited"/> (the parent's environment).</summary>
    public static IEnumerable<string> NamesToStrip(IDictionary inherited, bool windows) =>
        inherited.Keys.OfType<string>().Where(n => !IsAllowed(n, windows)).ToList();

    public static EnvironmentVariablesBuilder KeepOnlyAllowed(this EnvironmentVariablesBuilder env)
    {
        foreach (var name in NamesToStrip(Environment.GetEnvironmentVariables(), OperatingSystem.IsWindows()))
        {
            env.Set(name, null);
        }

        return env;
    }
}
