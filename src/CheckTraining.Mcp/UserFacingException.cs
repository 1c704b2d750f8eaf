namespace CheckTraining.Mcp;

/// <summary>
/// An error whose message is safe and useful to show to the agent: it says what went wrong and how to fix it.
/// Services throw these; <see cref="Tools.ToolResults"/> turns them into MCP tool errors at one boundary.
/// <c>Kind</c> is a short, stable word (e.g. "NotFound", "Unauthorized") set where the error is thrown, so the
/// boundary never needs to know the backend's exception types. Messages never contain secrets.
/// </summary>
public class UserFacingException(string kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Kind { get; } = kind;
}

/// <summary>A tool argument was out of range or malformed.</summary>
public sealed class InvalidArgumentException(string message) : UserFacingException("InvalidArgument", message);
