namespace CheckTraining.Mcp.Wandb;

public enum WandbErrorKind
{
    MissingKey,
    Unauthorized,
    Forbidden,
    NotFound,
    RunNotFound,
    RateLimited,
    ServerError,
    Unreachable,
    Timeout,
    Malformed,
    QueryRejected,
    Configuration,
}

/// <summary>A W&amp;B failure with an actionable message.</summary>
public sealed class WandbException(WandbErrorKind kind, string message, Exception? inner = null)
    : UserFacingException(kind.ToString(), message, inner)
{
    /// <summary>The typed kind, for W&amp;B code that branches on it.</summary>
    public WandbErrorKind Reason { get; } = kind;
}
