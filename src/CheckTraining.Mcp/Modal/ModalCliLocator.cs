using CheckTraining.Mcp.Configuration;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Modal;

/// <summary>Finds the modal executable: the configured path, else <c>modal</c> on PATH, else <c>.venv/bin/modal</c> in the working directory.</summary>
public sealed class ModalCliLocator(IOptions<ModalOptions> options)
{
    private static readonly string ExecutableName = OperatingSystem.IsWindows() ? "modal.exe" : "modal";

    public string Locate()
    {
        var configured = options.Value.CliPath;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var found = configured.Contains(Path.DirectorySeparatorChar) || configured.Contains('/')
                ? (File.Exists(configured) ? Path.GetFullPath(configured) : null)
                : SearchPath(configured);
            return found ?? throw new ModalCliException(ModalErrorKind.NotInstalled,
                $"The Modal CLI was not found at '{configured}' (Modal:CliPath / CHECKTRAINING_Modal__CliPath). " +
                "Point it at your modal executable, e.g. /path/to/project/.venv/bin/modal.");
        }

        var venv = Path.Combine(Environment.CurrentDirectory, ".venv", OperatingSystem.IsWindows() ? "Scripts" : "bin", ExecutableName);
        return SearchPath(ExecutableName) ?? (File.Exists(venv) ? venv : null) ?? throw new ModalCliException(ModalErrorKind.NotInstalled,
            "The Modal CLI was not found on PATH or at ./.venv/bin/modal. Install it with `pip install modal` and run `modal setup`, " +
            "or set CHECKTRAINING_Modal__CliPath to your modal executable.");
    }

    private static string? SearchPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
