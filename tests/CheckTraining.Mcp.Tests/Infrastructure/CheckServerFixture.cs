namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Fake W&amp;B, fake modal and the real server over stdio, with a private checkpoints folder: the setting every
/// Modal-touching tool runs in. Subclasses seed more data or change settings.
/// </summary>
public class CheckServerFixture : IAsyncLifetime
{
    /// <summary>The fakes' "now": the fixture's start, then each fresh server's (<see cref="FreshServerAsync"/>).</summary>
    public DateTimeOffset Now { get; private set; } = DateTimeOffset.UtcNow;

    public FakeWandbServer Wandb { get; private set; } = null!;

    public FakeModal Modal { get; private set; } = null!;

    public McpServerProcess Server { get; private set; } = null!;

    private Dictionary<string, string?> _environment = null!;
    private bool _unused;

    public string CheckpointsDir { get; } = Path.Combine(Directory.CreateTempSubdirectory("checktraining-check-").FullName, "checkpoints");

    /// <summary>More runs for the fake W&amp;B.</summary>
    protected virtual void Seed(FakeWandbData data)
    {
    }

    /// <summary>The server's environment: the cache is on as shipped; a fixture that isolates something else may turn it off.</summary>
    protected virtual void Configure(Dictionary<string, string?> environment)
    {
        environment["CHECKTRAINING_Modal__ListTimeoutSeconds"] = "5";
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
        _environment = env;
        Server = await McpServerProcess.StartAsync(env);
        _unused = true;
    }

    /// <summary>
    /// A server process of its own for the next test, as a user's session starts: its cache begins empty and runs as
    /// shipped, while the fakes (and their worlds, which tests rewrite) stay the class's. The first test takes the one
    /// the fixture started.
    /// </summary>
    public async Task FreshServerAsync()
    {
        if (_unused)
        {
            _unused = false;
            return;
        }

        // The world anew, anchored at this test's start: a run seeded "heartbeat 1 min ago" still reads so however long
        // the class has been running (the server's clock is real; the fixture's times would otherwise age with it).
        Now = DateTimeOffset.UtcNow;
        var fresh = WandbFixtures.Create(Now);
        Seed(fresh);
        Wandb.ChangeAt(DateTimeOffset.MinValue, d =>
        {
            d.Projects.Clear();
            foreach (var (key, runs) in fresh.Projects)
            {
                d.Projects[key] = runs;
            }
        });
        Modal.ResetApps(Now);
        await Server.DisposeAsync();
        Server = await McpServerProcess.StartAsync(_environment);
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

/// <summary>The same, with the read cache's TTL named (10 s, the shipped default), for coalescing and TTL tests.</summary>
public sealed class CachedCheckServerFixture : CheckServerFixture
{
    protected override void Configure(Dictionary<string, string?> environment)
    {
        base.Configure(environment);
        environment["CHECKTRAINING_Cache__TtlSeconds"] = "10";
    }
}

/// <summary>
/// Test classes whose tests rewrite the fakes' world between calls: each test gets a fresh server (cache on, as
/// shipped), so one test's cached answers never stand in for the next test's world. <see cref="AfterEach"/> resets the fakes.
/// </summary>
public abstract class FreshServerPerTest : IAsyncLifetime
{
    /// <summary>The class's fixture (the derived class's own constructor parameter).</summary>
    protected abstract CheckServerFixture Fixture { get; }

    public ValueTask InitializeAsync() => new(Fixture.FreshServerAsync());

    public ValueTask DisposeAsync()
    {
        AfterEach();
        GC.SuppressFinalize(this);
        return default;
    }

    /// <summary>Puts the fakes back as the fixture made them.</summary>
    protected virtual void AfterEach()
    {
        Fixture.Modal.ResetApps(Fixture.Now);
        Fixture.Modal.Scenario = "ok";
    }
}
