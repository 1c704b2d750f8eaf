namespace CheckTraining.Mcp.Redaction;

/// <summary>A secret the server holds itself (the W&amp;B key of the call being served), redacted wherever it is printed, whatever its shape.</summary>
public interface IKnownSecrets
{
    string? KeyForRedaction { get; }
}
