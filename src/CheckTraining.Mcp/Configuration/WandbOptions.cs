namespace CheckTraining.Mcp.Configuration;

/// <summary>W&amp;B connection settings, section <c>Wandb</c>. The API key is not here: see <see cref="Wandb.WandbApiKeyProvider"/>.</summary>
public sealed class WandbOptions
{
    public const string Section = "Wandb";

    /// <summary>API base URL. Env <c>WANDB_BASE_URL</c> or <c>CHECKTRAINING_Wandb__BaseUrl</c>. Default <c>https://api.wandb.ai</c>.</summary>
    public string BaseUrl { get; set; } = "https://api.wandb.ai";

    /// <summary>UI base URL for links. Env <c>WANDB_APP_URL</c>. Default: derived from <see cref="BaseUrl"/>.</summary>
    public string? AppUrl { get; set; }

    /// <summary>Default entity (user or team). Env <c>WANDB_ENTITY</c>. Default: the API key owner's default entity.</summary>
    public string? Entity { get; set; }

    /// <summary>Default project. Env <c>WANDB_PROJECT</c>. No default.</summary>
    public string? Project { get; set; }

    /// <summary>Overall time budget of one W&amp;B request, retries included. Default 20 s.</summary>
    public double TimeoutSeconds { get; set; } = 20;

    /// <summary>Time limit of a single HTTP attempt. Default 8 s.</summary>
    public double AttemptTimeoutSeconds { get; set; } = 8;

    /// <summary>Retries after the first attempt, for 429, 5xx and network faults. Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First retry delay; doubles each retry, with jitter. A <c>Retry-After</c> header wins. Default 1 s.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 1;
}
