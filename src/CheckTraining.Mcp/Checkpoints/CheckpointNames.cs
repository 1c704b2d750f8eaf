namespace CheckTraining.Mcp.Checkpoints;

/// <summary>Run and file names become path segments; anything that could escape the checkpoints folder is refused.</summary>
internal static class CheckpointNames
{
    public static string RequireSegment(string? value, string what)
    {
        // Control characters are refused, never trimmed away: "latest.pt\n" is not "latest.pt".
        var v = value is null || value.Any(char.IsControl) ? null : value.Trim();
        if (string.IsNullOrEmpty(v) || v.Length > 255 || v is "." or ".." || v.Contains("..", StringComparison.Ordinal)
            || v.IndexOfAny(['/', '\\', '*', '?']) >= 0 || v.Any(char.IsControl) || Path.IsPathRooted(v))
        {
            throw new InvalidArgumentException(
                $"{what} '{Printable(value)}' is not a plain name: path separators, '..', wildcards, absolute paths and control characters are not allowed.");
        }

        return v;
    }

    /// <summary>The full local path, checked to lie inside <paramref name="root"/>.</summary>
    public static string InsideRoot(string root, string fileName)
    {
        var full = Path.GetFullPath(Path.Combine(root, fileName));
        var prefix = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal)
            ? full
            : throw new InvalidArgumentException($"'{EchoedInput.Of(fileName)}' would be written outside the checkpoints folder {root}.");
    }

    private static string Printable(string? value) =>
        new((value ?? "").Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
