namespace CheckTraining.Mcp.Wandb;

public enum WandbErrorKind
{
    MissingKey,
    Unauthorized,
    Forbidden,
    NotFound,
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
    : UserFacingException(message, inner)
{
    public WandbErrorKind Kind { get; } = kind;
}
