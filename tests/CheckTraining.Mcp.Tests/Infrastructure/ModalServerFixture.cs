namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>The Modal tools' fixture: a run whose display name would escape the checkpoints folder, a short list timeout and a profile.</summary>
public class ModalServerFixture : CheckServerFixture
{
    public const string EscapeRunId = "esc00001";

    protected override void Seed(FakeWandbData data) =>
        data.Project(WandbFixtures.Entity, WandbFixtures.Project).Add(new FakeRun
        {
            Id = EscapeRunId, DisplayName = "../escape", State = "finished", CreatedAt = Now.AddDays(-10), HeartbeatAt = Now.AddDays(-9),
        });

    protected override void Configure(Dictionary<string, string?> environment)
    {
        base.Configure(environment);
        environment["CHECKTRAINING_Modal__ListTimeoutSeconds"] = "3";
        environment["MODAL_PROFILE"] = "training";
        environment["CHECKTRAINING_Wandb__Project"] = WandbFixtures.Project;
    }
}
