namespace CheckTraining.Mcp.Configuration;

/// <summary>Modal CLI settings, section <c>Modal</c>.</summary>
public sealed class ModalOptions
{
    public const string Section = "Modal";

    /// <summary>Path of the <c>modal</c> executable. Env <c>CHECKTRAINING_Modal__CliPath</c>. Default: <c>modal</c> on PATH, else <c>.venv/bin/modal</c>.</summary>
    public string? CliPath { get; set; }

    /// <summary>Modal profile passed to the CLI as <c>MODAL_PROFILE</c>. Env <c>MODAL_PROFILE</c>. Default: the CLI's active profile.</summary>
    public string? Profile { get; set; }

    /// <summary>Modal environment passed to the CLI as <c>MODAL_ENVIRONMENT</c>. Env <c>MODAL_ENVIRONMENT</c>. Default: the profile's.</summary>
    public string? Environment { get; set; }

    /// <summary>
    /// The Modal token id in use (<c>MODAL_TOKEN_ID</c>): hashed into cache keys (never stored) so that listings of
    /// different Modal accounts never mix in a shared cache, and handed to the CLI as <c>MODAL_TOKEN_ID</c>, so the
    /// account fingerprinted is the one the CLI acts as. The secret stays in <c>MODAL_TOKEN_SECRET</c> or the profile.
    /// </summary>
    public string? TokenId { get; set; }

    /// <summary>
    /// The Modal API server (<c>MODAL_SERVER_URL</c>; default: the profile's, else Modal's own). Part of the account's
    /// fingerprint and handed to the CLI the same way.
    /// </summary>
    public string? ServerUrl { get; set; }

    /// <summary>
    /// The Modal config file (<c>MODAL_CONFIG_PATH</c>; default <c>~/.modal.toml</c>). Read only for the account's
    /// fingerprint (<see cref="Modal.ModalAccount"/>); the CLI is given the same path.
    /// </summary>
    public string? ConfigPath { get; set; }

    /// <summary>Time limit for listing commands (<c>app list</c>, <c>volume ls</c>). Default 30 s.</summary>
    public double ListTimeoutSeconds { get; set; } = 30;

    /// <summary>Time limit for one checkpoint download. Default 3600 s.</summary>
    public double DownloadTimeoutSeconds { get; set; } = 3600;

    /// <summary>A download whose file has not grown for this long is killed. Default 300 s.</summary>
    public double DownloadStallSeconds { get; set; } = 300;

    /// <summary>Most stdout bytes kept from a listing command. Default 4 MiB.</summary>
    public int MaxOutputBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// check_training considers only apps with this name (case-insensitive) when it looks for the run's own app.
    /// Env <c>CHECKTRAINING_Modal__AppName</c>. Default: any app.
    /// </summary>
    public string? AppName { get; set; }

    /// <summary>How long before the W&amp;B run's creation its app may have been created, in minutes. Default 15.</summary>
    public double AppMatchBeforeMinutes { get; set; } = 15;

    /// <summary>How long after the W&amp;B run's creation its app may have been created, in minutes. Default 5.</summary>
    public double AppMatchAfterMinutes { get; set; } = 5;

    /// <summary>Optional Modal dashboard link shown in reports, e.g. <c>https://modal.com/apps/my-workspace/main</c>.</summary>
    public string? DashboardUrl { get; set; }
}
