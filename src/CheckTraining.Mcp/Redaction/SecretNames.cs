namespace CheckTraining.Mcp.Redaction;

/// <summary>
/// The name rule: a setting, variable or config key whose name contains KEY, TOKEN, SECRET, PASSWORD, PASSWD, PWD, PASS
/// or CREDENTIAL (any case, anywhere: <c>SECRET_KEY_BASE</c>, <c>DB_PASSWORD_1</c>, <c>SMTP_PASS</c>, <c>apiKey</c>)
/// holds a secret. A word glued to more lowercase letters is another word (<c>num_tokens</c>, <c>tokenizer</c>,
/// <c>keys</c>, <c>passes</c>): those are counts and names, which training logs print all the time. Glued to another
/// of the words, it is still a secret (<c>SECRETKEYBASE</c>).
/// </summary>
public static class SecretNames
{
    private static readonly string[] Words = ["CREDENTIALS", "CREDENTIAL", "PASSWORDS", "PASSWORD", "PASSPHRASE", "PASSWD", "SECRETS", "SECRET", "TOKEN", "PASS", "PWD", "KEY"];

    public static bool IsSecret(string name)
    {
        foreach (var word in Words)
        {
            for (var i = name.IndexOf(word, StringComparison.OrdinalIgnoreCase); i >= 0; i = name.IndexOf(word, i + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = i + word.Length;
                // The word ends the name, or a separator, a digit, a camelCase hump or another of the words follows it
                // (SECRETKEYBASE is glued, MAX_TOKENS is a count).
                if (end == name.Length || !char.IsLetter(name[end]) || (char.IsUpper(name[end]) && char.IsLower(name[end - 1]))
                    || Words.Any(w => name.AsSpan(end).StartsWith(w, StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
