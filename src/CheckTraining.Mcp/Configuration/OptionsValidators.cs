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

        Positive(errors, o.TimeoutSeconds, "Wandb:TimeoutSeconds (CHECKTRAINING_Wandb__TimeoutSeconds)");
        Positive(errors, o.AttemptTimeoutSeconds, "Wandb:AttemptTimeoutSeconds (CHECKTRAINING_Wandb__AttemptTimeoutSeconds)");
        if (o.MaxRetries is < 0 or > 20)
        {
            errors.Add("Wandb:MaxRetries (CHECKTRAINING_Wandb__MaxRetries) must be between 0 and 20.");
        }

        if (o.RetryBaseDelaySeconds < 0)
        {
            errors.Add("Wandb:RetryBaseDelaySeconds (CHECKTRAINING_Wandb__RetryBaseDelaySeconds) must not be negative.");
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
        WandbOptionsValidator.Positive(errors, o.ListTimeoutSeconds, "Modal:ListTimeoutSeconds (CHECKTRAINING_Modal__ListTimeoutSeconds)");
        WandbOptionsValidator.Positive(errors, o.DownloadTimeoutSeconds, "Modal:DownloadTimeoutSeconds (CHECKTRAINING_Modal__DownloadTimeoutSeconds)");
        WandbOptionsValidator.Positive(errors, o.DownloadStallSeconds, "Modal:DownloadStallSeconds (CHECKTRAINING_Modal__DownloadStallSeconds)");
        if (!(o.AppMatchBeforeMinutes >= 0) || !(o.AppMatchAfterMinutes >= 0))
        {
            errors.Add("Modal:AppMatchBeforeMinutes and Modal:AppMatchAfterMinutes (CHECKTRAINING_Modal__AppMatchBeforeMinutes, ...AfterMinutes) must be zero or more.");
        }

        if (o.MaxOutputBytes < 1024)
        {
            errors.Add("Modal:MaxOutputBytes (CHECKTRAINING_Modal__MaxOutputBytes) must be at least 1024.");
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
            errors.Add($"Checkpoints:Volume (CHECKTRAINING_Checkpoints__Volume) must name a Modal volume; got '{o.Volume}'.");
        }

        if (!o.PathTemplate.Contains("{run}", StringComparison.Ordinal) || o.PathTemplate.Contains('*', StringComparison.Ordinal)
            || o.PathTemplate.Split('/').Contains("..") || o.PathTemplate.Any(char.IsControl))
        {
            errors.Add($"Checkpoints:PathTemplate (CHECKTRAINING_Checkpoints__PathTemplate) must be a volume path containing {{run}}, " +
                       $"without '..' or wildcards; got '{o.PathTemplate}'.");
        }

        if (string.IsNullOrWhiteSpace(o.Directory))
        {
            errors.Add("Checkpoints:Directory (CHECKTRAINING_Checkpoints__Directory) must name a local folder.");
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
            errors.Add("Metrics:FallbackGpuRate (CHECKTRAINING_Metrics__FallbackGpuRate) must not be negative.");
        }

        foreach (var (gpu, rate) in o.GpuRates.Where(r => !(r.Value >= 0)))
        {
            errors.Add($"Metrics:GpuRates:{gpu} (CHECKTRAINING_Metrics__GpuRates__{gpu}) must not be negative; got {rate}.");
        }

        if (o.DefaultGpuCount < 1)
        {
            errors.Add("Metrics:DefaultGpuCount (CHECKTRAINING_Metrics__DefaultGpuCount) must be at least 1.");
        }

        if (!(o.StaleAfterMinutes > 0))
        {
            errors.Add("Metrics:StaleAfterMinutes (CHECKTRAINING_Metrics__StaleAfterMinutes) must be positive.");
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
            errors.Add($"Cache:TtlSeconds (CHECKTRAINING_Cache__TtlSeconds) must be between 0 (off) and 3600; got {o.TtlSeconds}.");
        }

        if (o.RedisTimeoutMilliseconds is < 10 or > 10_000)
        {
            errors.Add($"Cache:RedisTimeoutMilliseconds (CHECKTRAINING_Cache__RedisTimeoutMilliseconds) must be between 10 and 10000; got {o.RedisTimeoutMilliseconds}.");
        }

        if (!string.IsNullOrWhiteSpace(o.Redis))
        {
            try
            {
                _ = StackExchange.Redis.ConfigurationOptions.Parse(o.Redis);
            }
            catch (ArgumentException)
            {
                errors.Add("Cache:Redis (CHECKTRAINING_Cache__Redis) is not a valid StackExchange.Redis connection string, e.g. localhost:6379.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
