using CheckTraining.Mcp.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(ArgvInvariant))]

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// After the whole suite: every argv the fake modal executable ever received is on the read-only allow-list, and no
/// modal child inherited a CHECKTRAINING_* or WANDB_* variable.
/// (Modal fixtures also check it as they go, so a violation is pinned to the class that caused it.)
/// </summary>
public sealed class ArgvInvariant : IAsyncLifetime
{
    public ValueTask InitializeAsync()
    {
        File.Delete(FakeModal.SuiteArgvLog);
        File.Delete(FakeModal.SuiteEnvLog);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        FakeModal.AssertOnlyAllowListed();
        FakeModal.AssertNoSecretsInherited();
        return ValueTask.CompletedTask;
    }
}
