using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Configuration;

internal sealed class CompareRunsOptionsValidator : IValidateOptions<CompareRunsOptions>
{
    public ValidateOptionsResult Validate(string? name, CompareRunsOptions o)
    {
        var errors = new List<string>();
        if (o.MatchConfigKeys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > 200 || k.Any(char.IsControl)))
        {
            errors.Add($"{SettingNames.Of("Compare:MatchConfigKeys")} entries must be config dot-paths such as model.arch.");
        }

        if (o.MaxConfigDifferences is < 1 or > 200)
        {
            errors.Add($"{SettingNames.Of("Compare:MaxConfigDifferences")} must be between 1 and 200.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>The default match key, when configuration gives none (a bound list cannot carry a default: binding appends).</summary>
internal sealed class CompareDefaults : IPostConfigureOptions<CompareRunsOptions>
{
    public void PostConfigure(string? name, CompareRunsOptions options)
    {
        if (options.MatchConfigKeys.Count == 0)
        {
            options.MatchConfigKeys = ["model.arch"];
        }
    }
}
