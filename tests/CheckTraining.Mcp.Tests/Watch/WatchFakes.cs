using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Watch;

/// <summary>Each test's own fakes (the watch tests change the fake W&amp;B's data): W&amp;B with the watch fixtures, modal, a checkpoints folder.</summary>
public abstract class WatchFakes : IAsyncLifetime
{
    protected FakeWandbServer Wandb { get; private set; } = null!;

    protected FakeModal Modal { get; private set; } = null!;

    protected string Checkpoints { get; } = Directory.CreateTempSubdirectory("checktraining-watch-").FullName;

    public async ValueTask InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        Wandb = await FakeWandbServer.StartAsync(WatchFixtures.Create(now));
        Modal = new FakeModal(now);
    }

    public async ValueTask DisposeAsync()
    {
        await Wandb.DisposeAsync();
        Modal.Dispose();
        Directory.Delete(Checkpoints, recursive: true);
        FakeModal.AssertOnlyAllowListed();
        GC.SuppressFinalize(this);
    }
}
