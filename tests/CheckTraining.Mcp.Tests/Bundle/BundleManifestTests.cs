using System.Text.Json.Nodes;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Bundle;

/// <summary>
/// The MCP Bundle's manifest (build/mcpb/manifest.json, packed by build/pack-mcpb) lists what the server really offers,
/// and its settings reach the server under the names it reads. CI validates and packs it with @anthropic-ai/mcpb.
/// </summary>
public sealed class BundleManifestTests
{
    private static readonly JsonNode Manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "build", "mcpb", "manifest.json")))!;

    [Fact]
    public async Task The_manifest_lists_the_servers_tools_and_prompts()
    {
        await using var server = await InProcessServer.StartAsync(new Dictionary<string, string?>());
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var prompts = await server.Client.ListPromptsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(tools.Select(t => t.Name).Order(), Manifest["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Order());
        Assert.Equal(prompts.Select(p => p.Name).Order(), Manifest["prompts"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Order());
    }

    [Fact]
    public void The_native_binary_is_the_entry_point_and_each_setting_reaches_the_server()
    {
        var server = Manifest["server"]!;
        Assert.Equal("binary", server["type"]!.GetValue<string>());
        Assert.Equal("server/CheckTraining.Mcp", server["entry_point"]!.GetValue<string>());
        Assert.Equal("${__dirname}/server/CheckTraining.Mcp", server["mcp_config"]!["command"]!.GetValue<string>());

        var env = server["mcp_config"]!["env"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string>
        {
            ["WANDB_API_KEY"] = "${user_config.wandb_api_key}",
            ["WANDB_ENTITY"] = "${user_config.wandb_entity}",
            ["WANDB_PROJECT"] = "${user_config.wandb_project}",
            ["CHECKTRAINING_Modal__CliPath"] = "${user_config.modal_cli_path}",
        }, env);
        var config = Manifest["user_config"]!.AsObject();
        Assert.Equal(["modal_cli_path", "wandb_api_key", "wandb_entity", "wandb_project"], config.Select(c => c.Key).Order());
        Assert.True(config["wandb_api_key"]!["sensitive"]!.GetValue<bool>());
        Assert.All(config.Where(c => c.Key != "wandb_api_key"), c => Assert.Null(c.Value!["sensitive"]));
        Assert.Equal("file", config["modal_cli_path"]!["type"]!.GetValue<string>());
    }
}
