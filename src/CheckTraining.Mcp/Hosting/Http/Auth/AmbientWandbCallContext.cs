using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>The HTTP host's call context: each tool call (and each key check) runs in its own scope, set by <see cref="CallAudit"/>.</summary>
internal sealed class AmbientWandbCallContext(bool perCallerKeys) : IWandbCallContext
{
    private static readonly AsyncLocal<WandbCall?> Call = new();

    public WandbCall? Current => Call.Value;

    public bool PerCallerKeys => perCallerKeys;

    public static Scope Begin(WandbCall call)
    {
        var previous = Call.Value;
        Call.Value = call;
        return new Scope(previous);
    }

    public readonly struct Scope(WandbCall? previous) : IDisposable
    {
        public void Dispose() => Call.Value = previous;
    }
}
