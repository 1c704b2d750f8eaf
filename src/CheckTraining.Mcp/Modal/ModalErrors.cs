namespace CheckTraining.Mcp.Modal;

public enum ModalErrorKind
{
    NotInstalled,
    NotAuthenticated,
    NotFound,
    Unreachable,
    TimedOut,
    Stalled,
    DiskFull,
    UnsupportedVersion,
    BadOutput,
    Failed,
}

/// <summary>A Modal CLI failure with an actionable message (stderr tail trimmed and scrubbed of tokens).</summary>
public sealed class ModalCliException(ModalErrorKind kind, string message, Exception? inner = null) : UserFacingException(kind.ToString(), message, inner)
{
    /// <summary>The typed kind, for Modal code that branches on it.</summary>
    public ModalErrorKind Reason { get; } = kind;
}
