using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Configuration;

internal sealed class WatchOptionsValidator : IValidateOptions<WatchOptions>
{
    public ValidateOptionsResult Validate(string? name, WatchOptions o)
    {
        var errors = new List<string>();
        if (o.PollSeconds is not (>= 1 and <= 600))
        {
            errors.Add($"{SettingNames.Of("Watch:PollSeconds")} must be between 1 and 600; got {o.PollSeconds}.");
        }

        if (o.MaxConcurrent is < 1 or > 10_000)
        {
            errors.Add($"{SettingNames.Of("Watch:MaxConcurrent")} must be between 1 and 10000; got {o.MaxConcurrent}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
