using System.Text;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Not a test: a sandbox for trying the server by hand (Inspector, Claude) without credentials. It starts the fake
/// W&amp;B and fake modal, writes their settings as an env file, and keeps them up. Run:
/// CHECKTRAINING_SANDBOX_SECONDS=600 CHECKTRAINING_SANDBOX_ENV=/tmp/sandbox.env dotnet test --filter Category=Sandbox
/// </summary>
[Trait("Category", "Sandbox")]
public sealed class Sandbox
{
    [Fact]
    public async Task Serve_fakes_for_manual_trials()
    {
        var seconds = Environment.GetEnvironmentVariable("CHECKTRAINING_SANDBOX_SECONDS");
        var envFile = Environment.GetEnvironmentVariable("CHECKTRAINING_SANDBOX_ENV");
        Assert.SkipWhen(seconds is null || envFile is null, "set CHECKTRAINING_SANDBOX_SECONDS and CHECKTRAINING_SANDBOX_ENV to start the sandbox");

        var now = DateTimeOffset.UtcNow;
        await using var wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(now));
        using var modal = new FakeModal(now);
        modal.AddCheckpoint(WandbFixtures.SeedRunName, "latest.pt", 5 * 1024 * 1024);
        modal.AddCheckpoint(WandbFixtures.SeedRunName, "best.pt", 4 * 1024 * 1024);
        var env = McpServerProcess.WandbEnvironment(wandb);
        foreach (var (k, v) in modal.ServerEnvironment(Path.Combine(modal.Root, "checkpoints")))
        {
            env[k] = v;
        }

        await File.WriteAllTextAsync(envFile!, string.Concat(env.Select(kv => $"export {kv.Key}='{kv.Value}'\n")), new UTF8Encoding(false), TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(double.Parse(seconds!, System.Globalization.CultureInfo.InvariantCulture)), TestContext.Current.CancellationToken);
        Assert.Empty(wandb.Violations);
    }
}
