namespace CheckTraining.Mcp.Configuration;

/// <summary>How messages name a setting: its configuration key and the environment variable that sets it.</summary>
public static class SettingNames
{
    public const string EnvironmentPrefix = "CHECKTRAINING_";

    /// <summary>"Diagnosis:GpuIdlePercent (CHECKTRAINING_Diagnosis__GpuIdlePercent)".</summary>
    public static string Of(string key) => $"{key} ({EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal)})";

    /// <summary>
    /// The binder's "Failed to convert configuration value at 'Wandb:TimeoutSeconds' to type 'System.Double'." as
    /// "Wandb:TimeoutSeconds (CHECKTRAINING_Wandb__TimeoutSeconds) must be a number." (the message unchanged if it reads otherwise).
    /// </summary>
    public static string OfBindingError(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "at '(?<key>[^']+)' to type '(?<type>[^']+)'");
        if (!match.Success)
        {
            return message;
        }

        var wanted = match.Groups["type"].Value switch
        {
            "System.Boolean" => "true or false",
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" or "System.Decimal" or "System.Single" => "a number",
            var type => "a valid " + type,
        };
        return $"{Of(match.Groups["key"].Value)} must be {wanted}.";
    }
}
