namespace CheckTraining.Mcp.Configuration;

/// <summary>How a baseline run is chosen and compared (section <c>Compare</c>).</summary>
public sealed class CompareRunsOptions
{
    public const string Section = "Compare";

    /// <summary>Config dot-paths whose values the default baseline must share (the newest finished earlier run with them).</summary>
    public List<string> MatchConfigKeys { get; set; } = [];

    /// <summary>Config keys that differ, listed at most.</summary>
    public int MaxConfigDifferences { get; set; } = 20;

    /// <summary>check_training names a default baseline too; false skips it.</summary>
    public bool InCheckTraining { get; set; } = true;
}
