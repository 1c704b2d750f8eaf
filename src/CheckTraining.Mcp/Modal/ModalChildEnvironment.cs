using System.Collections;
using CliWrap.Builders;

namespace CheckTraining.Mcp.Modal;

/// <summary>
/// What the <c>modal</c> child must not inherit: every <c>CHECKTRAINING_*</c> and <c>WANDB_*</c> variable, in any
/// casing (.NET configuration reads keys case-insensitively, so <c>CHECKTRAINING_HTTP__BEARERTOKEN</c> is a secret too).
/// Everything else (PATH, HOME, MODAL_*, proxies, certificates, locale) passes through, because the CLI needs it.
/// </summary>
internal static class ModalChildEnvironment
{
    private static readonly string[] StrippedPrefixes = ["CHECKTRAINING_", "WANDB_"];

    public static bool IsStripped(string name) => StrippedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names to remove from <paramref name="inherited"/> (the parent's environment).</summary>
    public static IEnumerable<string> NamesToStrip(IDictionary inherited) =>
        inherited.Keys.OfType<string>().Where(IsStripped).ToList();

    public static EnvironmentVariablesBuilder StripSecrets(this EnvironmentVariablesBuilder env)
    {
        foreach (var name in NamesToStrip(Environment.GetEnvironmentVariables()))
        {
            env.Set(name, null);
        }

        return env;
    }
}
