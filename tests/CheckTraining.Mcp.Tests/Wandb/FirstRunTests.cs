using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Wandb;

/// <summary>
/// A first run with nothing configured: one message names every missing setting and its fix. In process (nothing is
/// read from the machine: no netrc, no Modal CLI), with the whole first-run experience once through a real process.
/// </summary>
public sealed class FirstRunTests
{
    private static Task<InProcessServer> StartAsync(Dictionary<string, string?> settings)
    {
        settings[Mcp.Wandb.WandbApiKeyProvider.NetrcSetting] = "/nonexistent/netrc"; // never the machine's own
        settings["Modal:CliPath"] = "/nonexistent/modal";
        return InProcessServer.StartAsync(settings);
    }

    [Fact]
    public async Task Nothing_configured_names_the_key_and_the_project_at_once()
    {
        await using var server = await StartAsync([]);
        var text = (await server.CallAsync("get_run_metrics")).ErrorText();

        Assert.Contains("Missing:", text);
        Assert.Contains("WANDB_API_KEY", text);
        Assert.Contains("wandb login", text);
        Assert.Contains("WANDB_PROJECT", text);
    }

    [Fact]
    public async Task With_a_key_but_no_project_only_the_project_is_named()
    {
        await using var server = await StartAsync(new() { ["Wandb:ApiKey"] = FakeWandbServer.ApiKey });
        var text = (await server.CallAsync("list_recent_runs")).ErrorText();

        Assert.Contains("WANDB_PROJECT", text);
        Assert.DoesNotContain("WANDB_API_KEY", text);
    }

    [Fact]
    public async Task check_training_with_nothing_configured_names_both_backends_fixes()
    {
        await using var server = await McpServerProcess.StartAsync(new Dictionary<string, string?>());
        var text = (await server.CallAsync("check_training", null, TestContext.Current.CancellationToken)).ErrorText();

        Assert.Contains("WANDB_API_KEY", text);
        Assert.Contains("WANDB_PROJECT", text);
        Assert.Contains("pip install modal", text);
    }
}
