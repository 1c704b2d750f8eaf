namespace CheckTraining.Mcp;

/// <summary>
/// An error whose message is safe and useful to show to the agent: it says what went wrong and how to fix it.
/// Services throw these; <see cref="Tools.ToolResults"/> turns them into MCP tool errors at one boundary.
/// Messages never contain secrets.
/// </summary>
public class UserFacingException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A tool argument was out of range or malformed.</summary>
public sealed class InvalidArgumentException(string message) : UserFacingException(message);
