namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>Where benchmark figures go: the test output and TestResults/benchmarks.md.</summary>
internal static class BenchmarkReport
{
    public static bool Enabled => Environment.GetEnvironmentVariable("CHECKTRAINING_BENCH") == "1";

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
    }

    public static void Write(string text)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        var path = Path.Combine(Infrastructure.RepoPaths.RepoRoot, "TestResults", "benchmarks.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.AppendAllText(path, text + "\n\n");
    }
}
