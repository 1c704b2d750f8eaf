namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>Fake W&amp;B + fake modal + the real server, with a private checkpoints folder.</summary>
public class ModalServerFixture : IAsyncLifetime
{
    public const string EscapeRunId = "esc00001";

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public FakeWandbServer Wandb { get; private set; } = null!;

    public FakeModal Modal { get; private set; } = null!;

    public McpServerProcess Server { get; private set; } = null!;

    public string CheckpointsDir { get; } = Path.Combine(Directory.CreateTempSubdirectory("checktraining-ckpt-").FullName, "checkpoints");

    public async ValueTask InitializeAsync()
    {
        var data = WandbFixtures.Create(Now);
        // A run whose display name would escape the checkpoints folder if used as a path.
        data.Project(WandbFixtures.Entity, WandbFixtures.Project).Add(new FakeRun
        {
            Id = EscapeRunId, DisplayName = "../escape", State = "finished", CreatedAt = Now.AddDays(-10), HeartbeatAt = Now.AddDays(-9),
        });
        Wandb = await FakeWandbServer.StartAsync(data);
        Modal = new FakeModal(Now);
        var env = McpServerProcess.WandbEnvironment(Wandb);
        foreach (var (k, v) in Modal.ServerEnvironment(CheckpointsDir))
        {
            env[k] = v;
        }

        env["CHECKTRAINING_Modal__ListTimeoutSeconds"] = "3";
        env["MODAL_PROFILE"] = "training";
        env["CHECKTRAINING_Wandb__Project"] = WandbFixtures.Project;
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
