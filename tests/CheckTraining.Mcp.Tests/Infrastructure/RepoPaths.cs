namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>Locates the repository, the vendored test data and the server build under test.</summary>
internal static class RepoPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The W&amp;B schema vendored with the tests (see Schema/README.md).</summary>
    public static string WandbSchema => Path.Combine(RepoRoot, "tests", "CheckTraining.Mcp.Tests", "Schema", "wandb-schema.graphql");

    /// <summary>
    /// The server as built in its own output folder (same configuration as the tests), so it runs with its own
    /// dependency set rather than the test project's.
    /// </summary>
    public static string ServerDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
            var dll = Path.Combine(RepoRoot, "src", "CheckTraining.Mcp", "bin", configuration, "net10.0", "CheckTraining.Mcp.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the server first: " + dll);
        }
    }

    /// <summary>
    /// How to launch the server: <c>dotnet CheckTraining.Mcp.dll</c>, or the executable named by CHECKTRAINING_TEST_SERVER
    /// (e.g. the Native AOT binary), so the same end-to-end suite can run against a published build.
    /// </summary>
    public static (string Command, string[] Arguments) ServerLaunch =>
        Environment.GetEnvironmentVariable("CHECKTRAINING_TEST_SERVER") is { Length: > 0 } exe ? (exe, []) : ("dotnet", [ServerDll]);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CheckTraining.Mcp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CheckTraining.Mcp.sln not found above " + AppContext.BaseDirectory);
    }
}
