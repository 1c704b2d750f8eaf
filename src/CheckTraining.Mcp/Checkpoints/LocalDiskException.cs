namespace CheckTraining.Mcp.Checkpoints;

/// <summary>The local disk cannot take the checkpoint: a local problem, not a Modal one.</summary>
public sealed class LocalDiskException(string message, Exception? inner = null) : UserFacingException("LocalDiskFull", message, inner);
