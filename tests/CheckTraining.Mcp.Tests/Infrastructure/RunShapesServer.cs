namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// The run shapes (<see cref="RunShapes"/>) behind the server's own registration in process, reached through the SDK's
/// real MCP client, with the fake W&amp;B on loopback and the fake <c>modal</c> as a child process holding every shape's
/// apps. Cache and security layer on, as shipped.
/// </summary>
public sealed class RunShapesServer : IAsyncLifetime
{
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public FakeWandbServer Wandb { get; private set; } = null!;

    public FakeModal Modal { get; private set; } = null!;

    public InProcessServer Server { get; private set; } = null!;

    private readonly string _checkpoints = Path.Combine(Directory.CreateTempSubdirectory("checktraining-shapes-").FullName, "checkpoints");

    public async ValueTask InitializeAsync()
    {
        var data = WandbFixtures.Create(Now);
        RunShapes.AddTo(data, Now);
        Wandb = await FakeWandbServer.StartAsync(data);
        Modal = new FakeModal(Now);
        Modal.SetApps(RunShapes.Apps(Now));
        var settings = InProcessServer.WandbSettings(Wandb);
        foreach (var (key, value) in Modal.InProcessSettings(_checkpoints))
        {
            settings[key] = value;
        }

        Server = await InProcessServer.StartAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Wandb.DisposeAsync();
        Modal.Dispose();
        FakeModal.AssertOnlyAllowListed();
    }
}
