namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Fake W&amp;B, fake modal and the real server over stdio, with a private checkpoints folder: the setting every
/// Modal-touching tool runs in. Subclasses seed more data or change settings.
/// </summary>
public class CheckServerFixture : IAsyncLifetime
{
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public FakeWandbServer Wandb { get; private set; } = null!;

    public FakeModal Modal { get; private set; } = null!;

    public McpServerProcess Server { get; private set; } = null!;

    public string CheckpointsDir { get; } = Path.Combine(Directory.CreateTempSubdirectory("checktraining-check-").FullName, "checkpoints");

    /// <summary>More runs for the fake W&amp;B.</summary>
    protected virtual void Seed(FakeWandbData data)
    {
    }

    /// <summary>The server's environment; the cache reads through (TTL 0) unless a fixture tests it.</summary>
    protected virtual void Configure(Dictionary<string, string?> environment)
    {
        environment["CHECKTRAINING_Modal__ListTimeoutSeconds"] = "5";
        // Isolation, not the shipped setting: these fixtures' tests rewrite the fake modal's apps and the W&B runs between
        // calls on one shared server, and assert each call's own requests. Servers built from WandbEnvironment run the
        // cache as shipped; the cache's own tests cover it against these fixtures' shapes.
        environment["CHECKTRAINING_Cache__TtlSeconds"] = "0";
    }

    public async ValueTask InitializeAsync()
    {
        var data = WandbFixtures.Create(Now);
        Seed(data);
        Wandb = await FakeWandbServer.StartAsync(data);
        Modal = new FakeModal(Now);
        var env = McpServerProcess.WandbEnvironment(Wandb);
        foreach (var (k, v) in Modal.ServerEnvironment(CheckpointsDir))
        {
            env[k] = v;
        }

        Configure(env);
        Server = await McpServerProcess.StartAsync(env);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Wandb.DisposeAsync();
        Modal.Dispose();
        GC.SuppressFinalize(this);
        FakeModal.AssertOnlyAllowListed();
        FakeModal.AssertNoSecretsInherited();
    }
}

/// <summary>The same, with the read cache on (10 s), for coalescing and TTL tests through the real server.</summary>
public sealed class CachedCheckServerFixture : CheckServerFixture
{
    protected override void Configure(Dictionary<string, string?> environment)
    {
        base.Configure(environment);
        environment["CHECKTRAINING_Cache__TtlSeconds"] = "10";
    }
}
