using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Configuration;

internal sealed class DiagnosisOptionsValidator : IValidateOptions<DiagnosisOptions>
{
    public ValidateOptionsResult Validate(string? name, DiagnosisOptions o)
    {
        var errors = new List<string>();
        Percent(errors, o.GpuIdlePercent, "Diagnosis:GpuIdlePercent");
        Percent(errors, o.GpuUnderUsedPercent, "Diagnosis:GpuUnderUsedPercent");
        Percent(errors, o.GpuMemoryHighPercent, "Diagnosis:GpuMemoryHighPercent");
        WandbOptionsValidator.Positive(errors, o.RecentWindowMinutes, SettingNames.Of("Diagnosis:RecentWindowMinutes"));
        WandbOptionsValidator.Positive(errors, o.UnderUsedWindowMinutes, SettingNames.Of("Diagnosis:UnderUsedWindowMinutes"));
        if (o.EventSamples is < 10 or > 2000)
        {
            errors.Add($"{SettingNames.Of("Diagnosis:EventSamples")} must be between 10 and 2000; got {o.EventSamples}.");
        }

        if (o.ConsoleTailLines is < 1 or > 1000)
        {
            errors.Add($"{SettingNames.Of("Diagnosis:ConsoleTailLines")} must be between 1 and 1000; got {o.ConsoleTailLines}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Percent(List<string> errors, double value, string key)
    {
        if (!(value is >= 0 and <= 100))
        {
            errors.Add($"{SettingNames.Of(key)} must be a percentage from 0 to 100; got {value}.");
        }
    }
}
