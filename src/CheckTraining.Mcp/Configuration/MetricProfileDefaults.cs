using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Configuration;

/// <summary>Fills the seed skill's list defaults when configuration gives none.</summary>
internal sealed class MetricProfileDefaults : IPostConfigureOptions<MetricProfileOptions>
{
    public void PostConfigure(string? name, MetricProfileOptions options)
    {
        if (options.Validation.Count == 0)
        {
            options.Validation =
            [
                new() { Key = "val_metric/action_change_acc", Label = "val_change_acc", Target = 0.75, Goal = "above", Percent = true },
                new() { Key = "val_metric/position_mae", Label = "val_pos_mae", Target = 0.55, Goal = "below" },
                new() { Key = "val_loss/total", Label = "val_loss", Target = 0.20, Goal = "below" },
            ];
        }

        if (options.Config.Count == 0)
        {
            options.Config =
            [
                new() { Label = "arch", Paths = ["model.arch"] },
                new() { Label = "games", Paths = ["games"] },
                new() { Label = "epochs", Paths = ["epochs", "num_train_epochs"] }, // then Hugging Face Trainer's (RunKeys.HfEpochsConfigKey)
                new() { Label = "batch_size", Paths = ["training.batch_size", "batch_size"] }, // not HF's per_device_train_batch_size: per GPU, not the batch
            ];
        }

        foreach (var metric in options.Validation)
        {
            metric.Label = string.IsNullOrEmpty(metric.Label) ? metric.Key : metric.Label;
        }
    }
}
