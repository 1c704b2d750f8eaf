namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>A fake W&amp;B server seeded with <see cref="WandbFixtures"/> and the real MCP server connected to it.</summary>
public class WandbServerFixture : IAsyncLifetime
{
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public FakeWandbServer Wandb { get; private set; } = null!;

    public McpServerProcess Server { get; private set; } = null!;

    protected virtual string? ProtocolVersion => McpServerProcess.ClassicProtocol;

    public async ValueTask InitializeAsync()
    {
        Wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(Now));
        Server = await McpServerProcess.StartAsync(McpServerProcess.WandbEnvironment(Wandb), ProtocolVersion);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Wandb.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
