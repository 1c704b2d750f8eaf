using System.Text.RegularExpressions;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Diagnosis;

/// <summary>
/// Redacts secrets from text a training script printed (some print their whole environment) before it leaves the
/// server: the configured W&amp;B key, anything shaped like a W&amp;B key or a Modal token, and the values of
/// <c>*_TOKEN=</c>, <c>*_SECRET=</c>, <c>*_KEY=</c> and <c>password=</c> assignments.
/// </summary>
public sealed partial class SecretRedactor(WandbApiKeyProvider keys)
{
    public const string Mark = "[redacted]";

    /// <summary>The text with every secret replaced by <see cref="Mark"/>, and how many were replaced.</summary>
    public (string Text, int Count) Redact(string text)
    {
        var count = 0;
        if (keys.KeyForRedaction is { Length: >= 8 } key && text.Contains(key, StringComparison.Ordinal))
        {
            count += Occurrences(text, key);
            text = text.Replace(key, Mark, StringComparison.Ordinal);
        }

        string Count(Match m, string replacement)
        {
            count++;
            return replacement;
        }

        text = Assignment().Replace(text, m => Count(m, m.Groups["name"].Value + m.Groups["q"].Value + Mark + m.Groups["close"].Value));
        text = Bearer().Replace(text, m => Count(m, m.Groups["scheme"].Value + Mark));
        text = TokenShaped().Replace(text, m => m.Value == Mark ? m.Value : Count(m, Mark));
        return (text, count);
    }

    private static int Occurrences(string text, string value)
    {
        var n = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    // NAME=value, NAME: value, 'NAME': 'value' (a printed dict), --api-key value: NAME ends in token, secret, key
    // (api_key, apikey, WANDB_API_KEY) or password; a quoted value runs to its closing quote.
    [GeneratedRegex("""(?<name>\b[A-Za-z0-9_]*(?:token|secret|api_?key|_key|password)['"]?(?<sep>\s*[=:]\s*)|--(?:api-key|token|password|secret)(?<sep>=|\s+))(?:(?<q>['"])(?!\[redacted\])[^'"\r\n]*(?<close>\k<q>)|(?!\[redacted\])(?<q>)(?<close>)[^\s'",;}]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex Assignment();

    // "Authorization: Bearer <token>", "Bearer <token>" in a printed header.
    [GeneratedRegex(@"(?<scheme>\bBearer\s+)(?!\[redacted\])[A-Za-z0-9\-._~+/]{8,}=*", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    // A W&B key (40 hex digits, or the wandb_v1_ form) or a Modal token id/secret (ak-…, as-…).
    [GeneratedRegex(@"\b[0-9a-fA-F]{40}\b|\bwandb_v1_[A-Za-z0-9_\-]{10,}|\ba[ks]-[A-Za-z0-9]{10,}\b")]
    private static partial Regex TokenShaped();
}
