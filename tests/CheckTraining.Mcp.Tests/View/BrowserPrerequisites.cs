using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.View;

/// <summary>
/// What the browser test needs beside the .NET SDK: Node, headless Chromium (Debian's chromium-headless-shell) and the
/// npm packages of tests/browser. Without them the test is skipped with the reason, so the README's `dotnet test` passes
/// on a clone alone; CHECKTRAINING_TEST_BROWSER=required (CI) turns a missing piece into a failure.
/// </summary>
internal static class BrowserPrerequisites
{
    public static string Folder => Path.Combine(RepoPaths.RepoRoot, "tests", "browser");

    public static string Chromium => Environment.GetEnvironmentVariable("CHECKTRAINING_TEST_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium-headless-shell";

    public static bool Required => Environment.GetEnvironmentVariable("CHECKTRAINING_TEST_BROWSER") == "required";

    /// <summary>Why the test cannot run here, or null.</summary>
    public static string? Missing()
    {
        var missing = new List<string>();
        if (!File.Exists(Chromium))
        {
            missing.Add($"{Chromium} (apt-get install chromium-headless-shell, or set CHECKTRAINING_TEST_CHROMIUM)");
        }

        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "playwright-core")))
        {
            missing.Add("tests/browser/node_modules (cd tests/browser && npm ci)");
        }

        if (Node is null)
        {
            missing.Add("node on PATH");
        }

        return missing.Count == 0 ? null : "the browser test needs " + string.Join(", ", missing);
    }

    public static string? Node => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, "node")).FirstOrDefault(File.Exists);
}
