namespace CheckTraining.Mcp.Hosting;

/// <summary>Returned to clients at initialization: what the server is for and what it will never do.</summary>
internal static class ServerInstructions
{
    public const string Text = """
        CheckTraining answers "how's my training run?" for GPU jobs on Modal that log to Weights & Biases.
        Start with check_training (defaults to the latest run): one call returns a verdict joining W&B and Modal that
        says why (hung, diverged, crashed with its error line, GPU use, a baseline's deltas) plus the full report.
        get_run_logs reads the run's console tail; compare_runs puts a run beside a baseline; get_run_metrics is the W&B
        report alone; list_recent_runs finds run ids; get_app_status lists Modal apps; plot_run draws the run's curves
        as a picture; pull_checkpoint lists or downloads a run's checkpoint. The check-training prompt does the seed
        skill's check.
        Read-only contract: this server only sends GraphQL queries to W&B (never mutations) and only runs allow-listed
        read-only Modal CLI commands (app list, app logs with --tail, volume ls, volume get). Nothing it does can stop, restart, redeploy or
        disturb a training job or change anything in W&B or Modal. pull_checkpoint writes only into its local
        checkpoints folder and never replaces a file unless asked with overwrite=true.
        """;
}
