using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Wandb;

/// <summary>
/// Setup as a user does it (environment variables, the netrc and settings files that <c>wandb login</c> writes), through
/// a real server process against a real HTTP fake: the thin process layer over <see cref="WandbFaultTests"/>.
/// </summary>
public sealed class WandbSetupTests : IAsyncLifetime
{
    private FakeWandbServer _wandb = null!;

    public async ValueTask InitializeAsync() => _wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));

    public async ValueTask DisposeAsync() => await _wandb.DisposeAsync();

    private async Task<McpServerProcess> StartAsync(Action<Dictionary<string, string?>>? tweak = null)
    {
        var env = McpServerProcess.WandbEnvironment(_wandb);
        tweak?.Invoke(env);
        return await McpServerProcess.StartAsync(env);
    }

    private static Task<ModelContextProtocol.Protocol.CallToolResult> ListAsync(McpServerProcess server) =>
        server.CallAsync("list_recent_runs", null, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_401_is_not_retried_and_names_the_fix()
    {
        await using var server = await StartAsync(env => env["WANDB_API_KEY"] = "local-wrongkey0123456789012345678901234567890123456789");
        var text = (await ListAsync(server)).ErrorText();
        Assert.Single(_wandb.Requests);
        Assert.Contains("401", text);
        Assert.Contains("WANDB_API_KEY", text);
        Assert.DoesNotContain("wrongkey", text);
        Assert.DoesNotContain("wrongkey", server.Stderr);
    }

    [Theory]
    [InlineData("${WANDB_API_KEY}", "the unexpanded text `${WANDB_API_KEY}`")]
    [InlineData("$WANDB_API_KEY", "the unexpanded text `$WANDB_API_KEY`")]
    [InlineData("local-realkey01234567890${X}", "text holding an unexpanded `${...}` placeholder")] // may hold a real key: never quoted
    public async Task A_key_a_client_did_not_expand_is_named_at_once_without_asking_W_and_B(string key, string named)
    {
        await using var server = await StartAsync(env => env["WANDB_API_KEY"] = key);
        var text = (await ListAsync(server)).ErrorText();
        Assert.Contains($"The W&B key is {named}: your client did not expand it.", text);
        Assert.Contains("-e WANDB_API_KEY=", text);
        Assert.DoesNotContain("rejected", text);
        Assert.DoesNotContain("realkey", text + server.Stderr);
        Assert.Empty(_wandb.Requests);
    }

    [Fact]
    public async Task The_netrc_entry_written_by_wandb_login_is_used()
    {
        var machine = new Uri(_wandb.BaseUrl).Authority; // host:port, as wandb keys it
        var netrc = Path.Combine(Directory.CreateTempSubdirectory().FullName, "netrc");
        await File.WriteAllTextAsync(netrc, $"machine api.wandb.ai\n  login user\n  password other\nmachine {machine}\n  login user\n  password {FakeWandbServer.ApiKey}\n",
            TestContext.Current.CancellationToken);
        await using var server = await StartAsync(env =>
        {
            env["WANDB_API_KEY"] = null;
            env["NETRC"] = netrc;
        });
        Assert.Equal(4, (await ListAsync(server)).Structured().GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task The_settings_file_written_by_wandb_login_host_is_honoured()
    {
        var configDir = Directory.CreateTempSubdirectory().FullName;
        await File.WriteAllTextAsync(Path.Combine(configDir, "settings"),
            $"[default]\nbase_url = {_wandb.BaseUrl}\nentity = {WandbFixtures.Entity}\nproject = {WandbFixtures.Project}\n",
            TestContext.Current.CancellationToken);
        await using var server = await StartAsync(env =>
        {
            env["WANDB_BASE_URL"] = null;
            env["WANDB_ENTITY"] = null;
            env["WANDB_PROJECT"] = null;
            env["WANDB_CONFIG_DIR"] = configDir;
        });
        Assert.Equal(4, (await ListAsync(server)).Structured().GetProperty("runs").GetArrayLength());
        Assert.DoesNotContain(_wandb.Requests, r => r.OperationName == "CheckTrainingViewer");
    }

    [Fact]
    public async Task Without_an_entity_the_viewer_default_is_looked_up_once()
    {
        await using var server = await StartAsync(env =>
        {
            env["WANDB_ENTITY"] = null;
            env["CHECKTRAINING_Cache__TtlSeconds"] = "0"; // isolates the lookup: each call reads W&B, and only the first asks who the viewer is
        });
        var first = await ListAsync(server);
        Assert.True(_wandb.Violations.Count == 0, string.Join("\n", _wandb.Violations));
        Assert.Equal(4, first.Structured().GetProperty("runs").GetArrayLength());
        await ListAsync(server);
        Assert.Equal(["CheckTrainingViewer", "CheckTrainingRecentRuns", "CheckTrainingRecentRuns"], _wandb.Requests.Select(r => r.OperationName));
    }
}
