namespace CheckTraining.Mcp.Configuration;

/// <summary>stdio transport settings, section <c>Stdio</c>. Used only in stdio mode (the default).</summary>
public sealed class StdioOptions
{
    public const string Section = "Stdio";

    /// <summary>
    /// Longest JSON-RPC message (one line) accepted, in bytes. A longer line is answered with a JSON-RPC error and
    /// discarded as it streams in, never buffered whole. Env <c>CHECKTRAINING_Stdio__MaxMessageBytes</c>. Default 4 MiB.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;
}
