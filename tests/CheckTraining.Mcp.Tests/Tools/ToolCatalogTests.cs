using System.Text.Json;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Tests.Infrastructure;
using CheckTraining.Mcp.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tests.Tools;

/// <summary>The promise made to agents: names, annotations, descriptions and schemas, checked through a real client.</summary>
public sealed class ToolCatalogTests(ToolCatalogTests.ListingServer listing) : IClassFixture<ToolCatalogTests.ListingServer>
{
    /// <summary>One real server process, credentials-free and with output schemas listed, for the listing tests.</summary>
    public sealed class ListingServer : IAsyncLifetime
    {
        public McpServerProcess Server { get; private set; } = null!;

        public async ValueTask InitializeAsync() =>
            Server = await McpServerProcess.StartAsync(new Dictionary<string, string?> { ["CHECKTRAINING_Tools__OutputSchemas"] = "true" });

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }

    private static readonly string SnapshotPath = Path.Combine(RepoPaths.RepoRoot, "src", "CheckTraining.Mcp", "Tools", "catalogue.json");

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    [InlineData(null)] // the 2.4.0 client's default (2026-07-28, no initialize)
    public async Task Server_starts_without_credentials_and_lists_its_tools(string? protocol)
    {
        // No W&B or Modal configuration at all: listing must still work.
        await using var server = await McpServerProcess.StartAsync(new Dictionary<string, string?>(), protocol);
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["check_training", "compare_runs", "get_app_status", "get_run_logs", "get_run_metrics", "list_recent_runs", "plot_run", "pull_checkpoint", "watch_run"], tools.Select(t => t.Name).Order());
        Assert.Contains("Read-only contract", server.Client.ServerInstructions);
        if (protocol is not null)
        {
            Assert.Equal(protocol, server.Client.NegotiatedProtocolVersion);
        }
    }

    [Fact]
    public async Task Annotations_state_the_read_only_contract()
    {
        var tools = await ListAsync();
        foreach (var tool in tools)
        {
            var a = tool.ProtocolTool.Annotations!;
            Assert.False(a.DestructiveHint, tool.Name);
            Assert.True(a.IdempotentHint, tool.Name);
            Assert.True(a.OpenWorldHint, tool.Name);
            Assert.False(string.IsNullOrWhiteSpace(tool.Title), tool.Name);
            // pull_checkpoint writes a local file, so it is honestly not read-only; everything else is.
            Assert.Equal(tool.Name != "pull_checkpoint", a.ReadOnlyHint);
            Assert.Contains("never", tool.Description, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Every_tool_and_parameter_has_a_description_and_every_tool_an_output_schema()
    {
        foreach (var tool in await ListAsync())
        {
            Assert.True(tool.Description.Length > 100, tool.Name);
            var properties = tool.ProtocolTool.InputSchema.GetProperty("properties");
            foreach (var p in properties.EnumerateObject())
            {
                Assert.True(p.Value.TryGetProperty("description", out var d) && d.GetString()!.Length > 10, $"{tool.Name}.{p.Name}");
            }

            Assert.NotNull(tool.ProtocolTool.OutputSchema);
            Assert.Equal("object", tool.ProtocolTool.OutputSchema!.Value.GetProperty("type").GetString());
        }
    }

    /// <summary>
    /// By default the list leaves output schemas out (a validating client compiles each one at start-up); results still
    /// carry their structured content.
    /// </summary>
    [Fact]
    public async Task By_default_the_list_leaves_output_schemas_out_and_results_keep_their_structured_content()
    {
        await using var wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));
        await using var server = await InProcessServer.StartAsync(InProcessServer.WandbSettings(wandb));
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(9, tools.Count);
        Assert.All(tools, t => Assert.Null(t.ProtocolTool.OutputSchema));
        // Otherwise exactly the committed catalogue.
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(SnapshotPath, TestContext.Current.CancellationToken))!["tools"]!.AsArray()
            .Select(t => { t!.AsObject().Remove("outputSchema"); return t.ToJsonString(); });
        var listed = tools.OrderBy(t => t.Name).Select(t => JsonSerializer.SerializeToNode(t.ProtocolTool, McpJsonUtilities.DefaultOptions)!.ToJsonString());
        Assert.Equal(committed, listed);
        var result = await server.CallAsync("get_run_metrics", new() { ["run"] = WandbFixtures.SeedRunId });
        Assert.Equal(JsonValueKind.Object, result.Structured().ValueKind);
    }

    /// <summary>
    /// The whole public surface, as the SDK derives it from the tool classes, against the committed catalogue
    /// (src/CheckTraining.Mcp/Tools/catalogue.json) that the server lists without deriving anything at start-up. So a
    /// rename or schema change is a reviewed decision, and the listing can never drift from the code.
    /// Regenerate with CHECKTRAINING_UPDATE_SNAPSHOTS=1.
    /// </summary>
    [Fact]
    public async Task The_committed_catalogue_is_what_the_SDK_derives_from_the_tools()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var configuration = new ConfigurationBuilder().Build();
        services.AddCheckTraining(configuration, lazyTools: false);
        await using var provider = services.BuildServiceProvider();
        var tools = provider.GetServices<McpServerTool>().Select(t => t.ProtocolTool).OrderBy(t => t.Name);
        var prompts = provider.GetServices<McpServerPrompt>().Select(p => p.ProtocolPrompt).OrderBy(p => p.Name);
        var actual = Serialize(tools.Select(t => JsonSerializer.SerializeToNode(t, McpJsonUtilities.DefaultOptions)),
            prompts.Select(p => JsonSerializer.SerializeToNode(p, McpJsonUtilities.DefaultOptions)));
        if (Environment.GetEnvironmentVariable("CHECKTRAINING_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, actual + "\n", TestContext.Current.CancellationToken);
        }

        var expected = await File.ReadAllTextAsync(SnapshotPath, TestContext.Current.CancellationToken);
        Assert.Equal(expected.TrimEnd(), actual.TrimEnd());
    }

    [Fact]
    public async Task The_server_lists_the_committed_catalogue()
    {
        var server = listing.Server;
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var prompts = await server.Client.ListPromptsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var listed = Serialize(tools.OrderBy(t => t.Name).Select(t => JsonSerializer.SerializeToNode(t.ProtocolTool, McpJsonUtilities.DefaultOptions)),
            prompts.OrderBy(p => p.Name).Select(p => JsonSerializer.SerializeToNode(p.ProtocolPrompt, McpJsonUtilities.DefaultOptions)));
        var expected = await File.ReadAllTextAsync(SnapshotPath, TestContext.Current.CancellationToken);
        Assert.Equal(expected.TrimEnd(), listed.TrimEnd());
    }

    /// <summary>
    /// The lean schemas are honest: no type arrays anywhere, and every tool's real structured content validates against
    /// its advertised output schema (nullable properties are absent, not null), as a validating client checks it.
    /// </summary>
    [Fact]
    public async Task Schemas_have_no_type_arrays_and_results_validate_against_their_output_schemas()
    {
        var catalogue = await File.ReadAllTextAsync(SnapshotPath, TestContext.Current.CancellationToken);
        Assert.DoesNotMatch("\"type\":\\s*\\[", catalogue);

        await using var wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));
        var settings = InProcessServer.WandbSettings(wandb);
        settings["Tools:OutputSchemas"] = "true";
        await using var server = await InProcessServer.StartAsync(settings);
        var tools = (await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(t => t.Name);
        foreach (var (tool, args) in new (string, Dictionary<string, object?>?)[]
        {
            ("check_training", new() { ["run"] = WandbFixtures.SeedRunId }),
            ("check_training", new() { ["run"] = WandbFixtures.FinishedRunId, ["include_checkpoints"] = true }),
            ("get_run_metrics", new() { ["run"] = WandbFixtures.CustomRunId }),
            ("get_run_metrics", new() { ["run"] = WandbFixtures.FinishedRunId }),
            ("list_recent_runs", new() { ["limit"] = 50 }),
            ("plot_run", new() { ["run"] = WandbFixtures.SeedRunId }),
        })
        {
            var result = await server.CallAsync(tool, args);
            var problems = OutputSchemaCheck.Problems(tools[tool].ProtocolTool.OutputSchema!.Value, result.Structured());
            Assert.True(problems.Count == 0, $"{tool}: " + string.Join("; ", problems));
        }
    }

    private static string Serialize(IEnumerable<JsonNode?> tools, IEnumerable<JsonNode?> prompts) =>
        new JsonObject { ["tools"] = new JsonArray(tools.ToArray()), ["prompts"] = new JsonArray(prompts.ToArray()) }
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private async Task<IList<McpClientTool>> ListAsync() =>
        await listing.Server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
}
