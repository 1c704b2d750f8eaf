namespace CheckTraining.Mcp.Hosting.Cli;

/// <summary>
/// Reads W&amp;B's own settings file, which <c>wandb login --host</c> writes: INI with a <c>[default]</c> section holding
/// <c>base_url</c>, <c>entity</c> and <c>project</c>. Location: <c>$WANDB_CONFIG_DIR/settings</c>, else
/// <c>~/.config/wandb/settings</c>. Environment variables override it.
/// </summary>
internal static class WandbSettingsFile
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["base_url"] = "Wandb:BaseUrl",
        ["entity"] = "Wandb:Entity",
        ["project"] = "Wandb:Project",
    };

    public static IEnumerable<KeyValuePair<string, string?>> Read()
    {
        var dir = Environment.GetEnvironmentVariable("WANDB_CONFIG_DIR");
        var path = string.IsNullOrWhiteSpace(dir)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "wandb", "settings")
            : Path.Combine(dir, "settings");
        if (!File.Exists(path))
        {
            yield break;
        }

        var inDefault = false;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                inDefault = line.Equals("[default]", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (inDefault && eq > 0 && Keys.TryGetValue(line[..eq].Trim(), out var setting) && line[(eq + 1)..].Trim() is { Length: > 0 } value)
            {
                yield return new(setting, value);
            }
        }
    }
}
