using CheckTraining.Mcp.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(ArgvInvariant))]

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// After the whole suite: every argv the fake modal executable ever received is on the read-only allow-list.
/// (Modal fixtures also check it as they go, so a violation is pinned to the class that caused it.)
/// </summary>
public sealed class ArgvInvariant : IAsyncLifetime
{
    public ValueTask InitializeAsync()
    {
        File.Delete(FakeModal.SuiteArgvLog);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        FakeModal.AssertOnlyAllowListed();
        return ValueTask.CompletedTask;
    }
}
