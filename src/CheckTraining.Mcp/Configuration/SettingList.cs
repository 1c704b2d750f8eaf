namespace CheckTraining.Mcp.Configuration;

/// <summary>A setting that lists several values in one string (env variables carry no arrays): separated by <c>;</c> or <c>,</c>.</summary>
public static class SettingList
{
    public static IEnumerable<string> Items(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
