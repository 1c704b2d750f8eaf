using System.Text.RegularExpressions;

namespace CheckTraining.Mcp.Modal;

/// <summary>Reads <c>modal --version</c> ("modal client version: 1.5.4"); probed once per process.</summary>
public static partial class ModalVersion
{
    /// <summary>The first CLI whose <c>app logs</c> fetches and exits instead of streaming.</summary>
    public static readonly Version LogsFetch = new(1, 4, 0);

    public static Version? Parse(string output) =>
        Number().Match(output) is { Success: true } m && Version.TryParse(m.Value, out var v) ? v : null;

    [GeneratedRegex(@"\d+\.\d+(\.\d+)?")]
    private static partial Regex Number();
}
