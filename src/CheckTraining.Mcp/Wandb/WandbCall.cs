namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// One tool call as the W&amp;B client sees it: whose key its reads use (null: the server's own) and how many
/// requests it sent to W&amp;B (for the audit line).
/// </summary>
public sealed class WandbCall(string? apiKey)
{
    private int _requests;

    public string? ApiKey { get; } = apiKey;

    public int Requests => Volatile.Read(ref _requests);

    internal void CountRequest() => Interlocked.Increment(ref _requests);
}

/// <summary>Where the W&amp;B client finds the current call. A host serving several callers sets it per call.</summary>
public interface IWandbCallContext
{
    /// <summary>The call being served, or null outside one.</summary>
    WandbCall? Current { get; }

    /// <summary>True when every read must use its caller's key and never the server's own (Http:Auth:Mode=wandb-key).</summary>
    bool PerCallerKeys { get; }
}

/// <summary>The stdio host's: one user, the server's own key, no per-call bookkeeping.</summary>
internal sealed class NoWandbCallContext : IWandbCallContext
{
    public WandbCall? Current => null;

    public bool PerCallerKeys => false;
}
