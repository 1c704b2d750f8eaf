namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>Fake W&amp;B, fake modal and the real server over stdio: the setting check_training runs in.</summary>
public class CheckServerFixture : IAsyncLifetime
{
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public FakeWandbServer Wandb { get; private set; } = null!;

    public FakeModal Modal { get; private set; } = null!;

    public McpServerProcess Server { get; private set; } = null!;

    public string CheckpointsDir { get; } = Path.Combine(Directory.CreateTempSubdirectory("checktraining-check-").FullName, "checkpoints");

    /// <summary>Cache TTL for this server; 0 (read through) unless a fixture tests the cache.</summary>
    protected virtual string CacheTtlSeconds => "0";

    public async ValueTask InitializeAsync()
    {
        Wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(Now));
        Modal = new FakeModal(Now);
        var env = McpServerProcess.WandbEnvironment(Wandb);
        foreach (var (k, v) in Modal.ServerEnvironment(CheckpointsDir))
        {
            env[k] = v;
        }

        env["CHECKTRAINING_Modal__ListTimeoutSeconds"] = "5";
        env["CHECKTRAINING_Cache__TtlSeconds"] = CacheTtlSeconds;
        Server = await McpServerProcess.StartAsync(env);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Wandb.DisposeAsync();
        Modal.Dispose();
        GC.SuppressFinalize(this);
        FakeModal.AssertOnlyAllowListed();
    }
}

/// <summary>The same, with the read cache on (10 s), for coalescing and TTL tests through the real server.</summary>
public sealed class CachedCheckServerFixture : CheckServerFixture
{
    protected override string CacheTtlSeconds => "10";
}
