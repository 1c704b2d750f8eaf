using System.Text.Json.Nodes;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Bundle;

/// <summary>
/// The bundle as Claude Desktop starts it when the user leaves its optional fields blank: it passes their placeholders
/// through as literal text (modelcontextprotocol/mcpb#250). The server, a real child process with the manifest's own
/// env block, reads them as unset.
/// </summary>
public sealed class BlankBundleFieldsTests : IAsyncLifetime
{
    private FakeWandbServer _wandb = null!;

    public async ValueTask InitializeAsync() => _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync() => await _wandb.DisposeAsync();

    [Fact]
    public async Task Blank_optional_fields_passed_as_literal_placeholders_read_as_unset()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "build", "mcpb", "manifest.json")))!;
        var filled = new Dictionary<string, string> { ["wandb_api_key"] = FakeWandbServer.ApiKey, ["wandb_project"] = Project }; // the required ones
        var env = new Dictionary<string, string?> { ["WANDB_BASE_URL"] = _wandb.BaseUrl };
        foreach (var (name, value) in manifest["server"]!["mcp_config"]!["env"]!.AsObject())
        {
            var text = value!.GetValue<string>();
            var field = text.Replace("${user_config.", "").TrimEnd('}');
            env[name] = filled.TryGetValue(field, out var given) ? given : text; // blank: the placeholder itself
        }

        Assert.Contains(env, e => e.Value == "${user_config.wandb_entity}");
        await using var server = await McpServerProcess.StartAsync(env);

        var runs = await server.CallAsync("list_recent_runs", cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, runs.IsError);
        Assert.Contains(SeedRunName, runs.Text()); // the entity defaulted to the key's own, not one named "${user_config.wandb_entity}"

        var apps = await server.CallAsync("get_app_status", cancellationToken: TestContext.Current.CancellationToken);
        Assert.DoesNotContain("${user_config", apps.Text()); // the CLI is looked up on PATH, not at the placeholder
        Assert.DoesNotContain("${user_config", server.Stderr);
    }
}
