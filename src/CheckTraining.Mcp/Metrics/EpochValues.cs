namespace CheckTraining.Mcp.Metrics;

/// <summary>Whether a run's epoch is a float that moves within an epoch (Hugging Face Trainer: 0.01, 0.02, …, 1.25).</summary>
internal static class EpochValues
{
    public static bool AreFractional(IReadOnlyList<(long Step, double Epoch)> epochs) =>
        epochs.Any(e => Math.Abs(e.Epoch - Math.Round(e.Epoch)) > 1e-6);
}
