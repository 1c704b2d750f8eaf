namespace CheckTraining.Mcp.Configuration;

/// <summary>How messages name a setting: its configuration key and the environment variable that sets it.</summary>
public static class SettingNames
{
    public const string EnvironmentPrefix = "CHECKTRAINING_";

    /// <summary>"Diagnosis:GpuIdlePercent (CHECKTRAINING_Diagnosis__GpuIdlePercent)".</summary>
    public static string Of(string key) => $"{key} ({EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal)})";
}
