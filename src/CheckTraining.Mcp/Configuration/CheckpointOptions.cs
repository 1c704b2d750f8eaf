namespace CheckTraining.Mcp.Configuration;

/// <summary>Where checkpoints live on Modal and where they land locally, section <c>Checkpoints</c>.</summary>
public sealed class CheckpointOptions
{
    public const string Section = "Checkpoints";

    /// <summary>Modal volume holding checkpoints. Default <c>melee-training-data</c>.</summary>
    public string Volume { get; set; } = "melee-training-data";

    /// <summary>Folder of a run's checkpoints in the volume; <c>{run}</c> is the run's display name. Default <c>/checkpoints/{run}</c>.</summary>
    public string PathTemplate { get; set; } = "/checkpoints/{run}";

    /// <summary>Local folder downloads go to, relative to the working directory. Env <c>CHECKTRAINING_Checkpoints__Directory</c>. Default <c>checkpoints</c>.</summary>
    public string Directory { get; set; } = "checkpoints";
}
