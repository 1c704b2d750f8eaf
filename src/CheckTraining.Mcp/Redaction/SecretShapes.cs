using System.Text.RegularExpressions;

namespace CheckTraining.Mcp.Redaction;

/// <summary>
/// Our own table of what a credential looks like, after the public rule sets of gitleaks and trufflehog. Each regex
/// matches the secret value only, or names the words to keep in a <c>keep</c> group, so the rest of the line survives.
/// Source-generated, so trimming and AOT keep them.
/// </summary>
internal static partial class SecretShapes
{
    /// <summary>Value shapes that are a secret wherever they stand.</summary>
    public static readonly Regex[] Tokens =
    [
        GitHub(), HuggingFace(), OpenAiOrAnthropic(), Aws(), Slack(), GitLab(), Jwt(), WandbKey(), Modal(),
    ];

    // ghp_ (personal), gho_ (OAuth), ghs_ (app installation), ghu_/ghr_ (user-to-server, refresh), github_pat_ (fine-grained).
    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})")]
    private static partial Regex GitHub();

    // Real Hub tokens carry 34 random characters; 30+ keeps hf_transformers_cache and the like out.
    [GeneratedRegex(@"\bhf_[A-Za-z0-9]{30,}")]
    private static partial Regex HuggingFace();

    // sk-…, sk-proj-…, sk-ant-api03-…
    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{20,}")]
    private static partial Regex OpenAiOrAnthropic();

    // Access key ids: long-term (AKIA) and temporary (ASIA), plus the rarer ABIA/ACCA.
    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b")]
    private static partial Regex Aws();

    [GeneratedRegex(@"\bxox[abprs]-[A-Za-z0-9\-]{10,}")]
    private static partial Regex Slack();

    [GeneratedRegex(@"\bglpat-[A-Za-z0-9_\-]{20,}")]
    private static partial Regex GitLab();

    // header.payload.signature, both first parts base64url JSON ("eyJ" is "{\"").
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*")]
    private static partial Regex Jwt();

    // The wandb_v1_ form and a local server's local-<40 hex>; a bare 40-hex key is judged by its context (HexKey).
    [GeneratedRegex(@"\bwandb_v1_[A-Za-z0-9_\-]{10,}|\blocal-[0-9a-f]{40}\b")]
    private static partial Regex WandbKey();

    // Modal token ids and secrets (ak-, as-) and workspace tokens (wk-, ws-); 12+ keeps "as-documented" out.
    [GeneratedRegex(@"\b(?:ak|as|wk|ws)-[A-Za-z0-9]{12,}\b")]
    private static partial Regex Modal();

    /// <summary>40 hex digits: a classic W&amp;B key, or a git sha (see <see cref="GitContext"/>).</summary>
    [GeneratedRegex(@"\b[0-9a-fA-F]{40}\b")]
    public static partial Regex HexKey();

    /// <summary>What a git sha follows: "commit 3f2a…", "git_sha=", "\"revision\": \"".</summary>
    [GeneratedRegex(@"(?:commit|sha1?|revision|rev|hash|head|checkout|parent|tree|merge)\W{0,4}$", RegexOptions.IgnoreCase)]
    public static partial Regex GitContext();

    /// <summary><c>scheme://user:secret@host</c>: the secret between the colon and the @.</summary>
    [GeneratedRegex(@"(?<keep>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@'""]*:)(?!\[redacted\])[^\s@/'""]+(?=@)")]
    public static partial Regex UrlCredentials();

    /// <summary><c>Authorization: Basic|Bearer|Token x</c>, a bare <c>Bearer x</c>, and a bare <c>Basic</c> value that looks encoded.</summary>
    [GeneratedRegex(@"(?<keep>\bAuthorization[""']?[ \t]*[:=][ \t]*[""']?(?:(?:Basic|Bearer|Token|Digest)[ \t]+)?|\bBearer[ \t]+|\bBasic[ \t]+(?=[A-Za-z0-9+/]*[0-9+/=]))(?!\[redacted\])[A-Za-z0-9\-._~+/]{8,}=*", RegexOptions.IgnoreCase)]
    public static partial Regex Authorization();

    /// <summary>
    /// <c>NAME=value</c>, <c>NAME: value</c>, <c>"name": "value"</c>, <c>--name value</c>: <c>name</c> is judged by
    /// <see cref="SecretNames"/>; a quoted value runs to its closing quote.
    /// </summary>
    [GeneratedRegex("""(?<keep>(?<![A-Za-z0-9_.\-])(?:--(?<name>[A-Za-z][A-Za-z0-9\-_]*)(?:=|[ \t]+)|(?<name>[A-Za-z_][A-Za-z0-9_.\-]*)['"]?[ \t]*[=:][ \t]*)(?<q>['"]?))(?!\[redacted\])(?:(?<=['"])[^'"\r\n]+(?=\k<q>)|(?<!['"])[^\s'",;}\])]+)""")]
    public static partial Regex Assignment();

    /// <summary>The first line of a PEM private key (RSA, EC, OPENSSH, ENCRYPTED, PGP … BLOCK).</summary>
    [GeneratedRegex(@"-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")]
    public static partial Regex PemBegin();

    [GeneratedRegex(@"-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")]
    public static partial Regex PemEnd();
}
