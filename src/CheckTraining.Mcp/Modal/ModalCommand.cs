namespace CheckTraining.Mcp.Modal;

/// <summary>
/// The only Modal CLI invocations this server can build: read-only listings and a download into a staging folder the
/// adapter created, and a bounded fetch of an app's last log lines. There is deliberately no way to express run, deploy,
/// app stop, a streaming (--follow or tail-less) app logs, container exec, volume put/rm or any flag such as --force: the
/// read-only promise is enforced where the argv is built.
/// Names supplied by users come after <c>--</c>, so they can never be read as options.
/// </summary>
public sealed class ModalCommand
{
    private ModalCommand(string display, params string[] arguments)
    {
        Display = display;
        Arguments = arguments;
    }

    /// <summary>The argv after the executable, passed as a list (never through a shell).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Short name for messages, e.g. "modal app list".</summary>
    public string Display { get; }

    public static ModalCommand Version() => new("modal --version", "--version");

    public static ModalCommand AppList() => new("modal app list", "app", "list", "--json");

    /// <summary>The most lines <see cref="AppLogs"/> fetches.</summary>
    public const int MaxLogTail = 1000;

    /// <summary>
    /// The app's last <paramref name="tail"/> log lines, with timestamps. Always with --tail: from CLI 1.4.0 that fetches
    /// and exits, and on an older CLI it is a usage error (exit 2) instead of a stream. Callers probe the version first.
    /// </summary>
    public static ModalCommand AppLogs(string appId, int tail) =>
        tail is < 1 or > MaxLogTail
            ? throw new ArgumentOutOfRangeException(nameof(tail), tail, $"tail must be 1 to {MaxLogTail}.")
            : new("modal app logs", "app", "logs", "--tail", tail.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timestamps", "--",
                CheckAppId(appId));

    public static ModalCommand VolumeList(string volume, string path) =>
        new("modal volume ls", "volume", "ls", "--json", "--", CheckName(volume, nameof(volume)), CheckPath(path));

    /// <summary>Only <see cref="ModalCli"/> builds this, with a staging folder it has just created.</summary>
    internal static ModalCommand VolumeGet(string volume, string remotePath, string stagingDirectory) =>
        new("modal volume get", "volume", "get", "--", CheckName(volume, nameof(volume)), CheckPath(remotePath), stagingDirectory);

    private static string CheckAppId(string value) =>
        value.StartsWith("ap-", StringComparison.Ordinal) && value.Length is > 3 and <= 64 && value.Skip(3).All(char.IsAsciiLetterOrDigit)
            ? value
            : throw new ArgumentException($"Invalid Modal app id '{value}'.", nameof(value));

    private static string CheckName(string value, string what) =>
        string.IsNullOrWhiteSpace(value) || value.Any(char.IsControl) || value.Contains('*', StringComparison.Ordinal)
            ? throw new ArgumentException($"Invalid Modal {what} '{value}'.", what)
            : value;

    // Modal rejects glob patterns (exit 1 since 0.63); refuse them before spawning anything.
    private static string CheckPath(string value) =>
        value.Contains('*', StringComparison.Ordinal) || value.Any(char.IsControl) || value.Split('/').Contains("..")
            ? throw new ArgumentException($"Invalid volume path '{value}'.", nameof(value))
            : value;
}
