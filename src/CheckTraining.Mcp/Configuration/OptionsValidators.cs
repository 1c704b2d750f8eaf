using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Configuration;

/// <summary>Start-up checks. Each message names the setting and the environment variable that sets it.</summary>
internal sealed class WandbOptionsValidator : IValidateOptions<WandbOptions>
{
    public ValidateOptionsResult Validate(string? name, WandbOptions o)
    {
        var errors = new List<string>();
        if (!IsHttpUrl(o.BaseUrl))
        {
            errors.Add($"Wandb:BaseUrl (WANDB_BASE_URL) must be an absolute http(s) URL; got '{o.BaseUrl}'.");
        }

        if (o.AppUrl is { Length: > 0 } app && !IsHttpUrl(app))
        {
            errors.Add($"Wandb:AppUrl (WANDB_APP_URL) must be an absolute http(s) URL; got '{app}'.");
        }

        Positive(errors, o.TimeoutSeconds, SettingNames.Of("Wandb:TimeoutSeconds"));
        Positive(errors, o.AttemptTimeoutSeconds, SettingNames.Of("Wandb:AttemptTimeoutSeconds"));
        if (o.MaxRetries is < 0 or > 20)
        {
            errors.Add($"{SettingNames.Of("Wandb:MaxRetries")} must be between 0 and 20.");
        }

        if (o.RetryBaseDelaySeconds < 0)
        {
            errors.Add($"{SettingNames.Of("Wandb:RetryBaseDelaySeconds")} must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    internal static void Positive(List<string> errors, double value, string setting)
    {
        if (!(value > 0))
        {
            errors.Add($"{setting} must be a positive number of seconds; got {value}.");
        }
    }
}

internal sealed class ModalOptionsValidator : IValidateOptions<ModalOptions>
{
    public ValidateOptionsResult Validate(string? name, ModalOptions o)
    {
        var errors = new List<string>();
        WandbOptionsValidator.Positive(errors, o.ListTimeoutSeconds, SettingNames.Of("Modal:ListTimeoutSeconds"));
        WandbOptionsValidator.Positive(errors, o.DownloadTimeoutSeconds, SettingNames.Of("Modal:DownloadTimeoutSeconds"));
        WandbOptionsValidator.Positive(errors, o.DownloadStallSeconds, SettingNames.Of("Modal:DownloadStallSeconds"));
        if (!(o.AppMatchBeforeMinutes >= 0) || !(o.AppMatchAfterMinutes >= 0))
        {
            errors.Add($"{SettingNames.Of("Modal:AppMatchBeforeMinutes")} and {SettingNames.Of("Modal:AppMatchAfterMinutes")} must be zero or more.");
        }

        if (o.MaxOutputBytes < 1024)
        {
            errors.Add($"{SettingNames.Of("Modal:MaxOutputBytes")} must be at least 1024.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class CheckpointOptionsValidator : IValidateOptions<CheckpointOptions>
{
    public ValidateOptionsResult Validate(string? name, CheckpointOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Volume) || o.Volume.Any(c => char.IsControl(c) || c is '*' or '/'))
        {
            errors.Add($"{SettingNames.Of("Checkpoints:Volume")} must name a Modal volume; got '{o.Volume}'.");
        }

        if (!o.PathTemplate.Contains("{run}", StringComparison.Ordinal) || o.PathTemplate.Contains('*', StringComparison.Ordinal)
            || o.PathTemplate.Split('/').Contains("..") || o.PathTemplate.Any(char.IsControl))
        {
            errors.Add($"{SettingNames.Of("Checkpoints:PathTemplate")} must be a volume path containing {{run}}, " +
                       $"without '..' or wildcards; got '{o.PathTemplate}'.");
        }

        if (string.IsNullOrWhiteSpace(o.Directory))
        {
            errors.Add($"{SettingNames.Of("Checkpoints:Directory")} must name a local folder.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class MetricProfileOptionsValidator : IValidateOptions<MetricProfileOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricProfileOptions o)
    {
        var errors = new List<string>();
        if (!(o.FallbackGpuRate >= 0))
        {
            errors.Add($"{SettingNames.Of("Metrics:FallbackGpuRate")} must not be negative.");
        }

        foreach (var (gpu, rate) in o.GpuRates.Where(r => !(r.Value >= 0)))
        {
            errors.Add($"{SettingNames.Of($"Metrics:GpuRates:{gpu}")} must not be negative; got {rate}.");
        }

        if (o.DefaultGpuCount < 1)
        {
            errors.Add($"{SettingNames.Of("Metrics:DefaultGpuCount")} must be at least 1.");
        }

        if (!(o.StaleAfterMinutes > 0))
        {
            errors.Add($"{SettingNames.Of("Metrics:StaleAfterMinutes")} must be positive.");
        }

        for (var i = 0; i < o.Validation.Count; i++)
        {
            var m = o.Validation[i];
            if (string.IsNullOrWhiteSpace(m.Key))
            {
                errors.Add($"Metrics:Validation:{i}:Key must name a W&B history key.");
            }

            if (m.Goal is not (null or "above" or "below"))
            {
                errors.Add($"Metrics:Validation:{i}:Goal must be 'above', 'below' or unset; got '{m.Goal}'.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class CacheOptionsValidator : IValidateOptions<CacheOptions>
{
    public ValidateOptionsResult Validate(string? name, CacheOptions o)
    {
        var errors = new List<string>();
        if (o.TtlSeconds is not (>= 0 and <= 3600))
        {
            errors.Add($"{SettingNames.Of("Cache:TtlSeconds")} must be between 0 (off) and 3600; got {o.TtlSeconds}.");
        }

        if (o.RedisTimeoutMilliseconds is < 10 or > 10_000)
        {
            errors.Add($"{SettingNames.Of("Cache:RedisTimeoutMilliseconds")} must be between 10 and 10000; got {o.RedisTimeoutMilliseconds}.");
        }

        if (!string.IsNullOrWhiteSpace(o.Redis))
        {
            try
            {
                _ = StackExchange.Redis.ConfigurationOptions.Parse(o.Redis);
            }
            catch (ArgumentException)
            {
                errors.Add($"{SettingNames.Of("Cache:Redis")} is not a valid StackExchange.Redis connection string, e.g. localhost:6379.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
