using System.Text.RegularExpressions;

namespace CheckTraining.Mcp.Redaction;

/// <summary>
/// Replaces each secret value in text that leaves the server with <see cref="Mark"/>, keeping the words around it
/// (<c>postgresql://trainer:[redacted]@db.internal:5432/runs</c>): the key the server holds, every shape in
/// <see cref="SecretShapes"/>, assignments whose name is a secret (<see cref="SecretNames"/>), and PEM private-key
/// bodies, across lines too. The one redactor for console tails, config differences and the Modal CLI's stderr.
/// </summary>
public sealed class SecretRedactor(IKnownSecrets? known)
{
    public const string Mark = "[redacted]";

    /// <summary>Shapes and names only, for text that cannot hold the W&amp;B key (the modal child never sees it).</summary>
    public static readonly SecretRedactor ShapesOnly = new(null);

    /// <summary>The text (one line, or several joined) with every secret replaced, and how many were replaced.</summary>
    public (string Text, int Count) Redact(string text)
    {
        var count = 0;
        var pem = PemBlocks.Redact(text, ref count);
        return (Line(pem, ref count), count);
    }

    /// <summary>
    /// Console lines, each redacted, with a PEM block's body lines redacted whole between its BEGIN and END lines (a block
    /// that never ends within the lines stays redacted to the last one).
    /// </summary>
    public (IReadOnlyList<string> Lines, int Count) RedactLines(IReadOnlyList<string> lines)
    {
        var count = 0;
        var inside = false;
        var result = new List<string>(lines.Count);
        foreach (var line in lines)
        {
            var text = PemBlocks.RedactLine(line, ref inside, ref count);
            result.Add(Line(text, ref count));
        }

        return (result, count);
    }

    /// <summary>A setting (a config key and its value) that must not be shown: a secret name, or a value holding a secret.</summary>
    public bool IsSecret(string name, string value) => SecretNames.IsSecret(name) || Redact($"{name}={value}").Count > 0;

    private string Line(string text, ref int count)
    {
        var n = 0;
        if (known?.KeyForRedaction is { Length: >= 8 } key && text.Contains(key, StringComparison.Ordinal))
        {
            n += text.Split(key).Length - 1;
            text = text.Replace(key, Mark, StringComparison.Ordinal);
        }

        string Keep(Match m)
        {
            n++;
            return m.Groups["keep"].Value + Mark;
        }

        text = SecretShapes.Authorization().Replace(text, Keep);
        text = SecretShapes.UrlCredentials().Replace(text, Keep);
        foreach (var shape in SecretShapes.Tokens)
        {
            text = shape.Replace(text, Keep);
        }

        text = SecretShapes.Assignment().Replace(text, m => SecretNames.IsSecret(m.Groups["name"].Value) ? Keep(m) : m.Value);
        text = SecretShapes.HexKey().Replace(text, m => IsGitSha(text, m) ? m.Value : Keep(m));
        count += n;
        return text;
    }

    // A W&B key and a git sha look alike; "commit 3f2a…" is a sha, anything else (a key printed alone, "token 3f2a…") is not taken for one.
    private static bool IsGitSha(string text, Match m) =>
        SecretShapes.GitContext().IsMatch(text.AsSpan(Math.Max(0, m.Index - 24), Math.Min(24, m.Index)));
}
