using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>
/// The authenticating modes bring ASP.NET Core's data protection, whose default keeps a key ring under
/// <c>~/.aspnet</c>, unencrypted on Linux. Ours stays in memory: after a session of tool calls, the server's home holds
/// nothing, and nothing warns about keys.
/// </summary>
public sealed class NothingOnDiskTests : IAsyncLifetime
{
    private readonly string _home = Directory.CreateTempSubdirectory("ct-home-").FullName;
    private readonly string _checkpoints = Directory.CreateTempSubdirectory("ct-disk-").FullName;
    private TestIssuer _issuer = null!;
    private FakeWandbServer _wandb = null!;
    private FakeModal _modal = null!;

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        _modal = new FakeModal(DateTimeOffset.UtcNow);
    }

    public async ValueTask DisposeAsync()
    {
        await _wandb.DisposeAsync();
        await _issuer.DisposeAsync();
        _modal.Dispose();
        Directory.Delete(_home, recursive: true);
        Directory.Delete(_checkpoints, recursive: true);
    }

    [Theory]
    [InlineData("oauth")]
    [InlineData("wandb-key")]
    public async Task A_session_of_tool_calls_writes_nothing_in_the_servers_home(string mode)
    {
        var env = McpServerProcess.WandbEnvironment(_wandb);
        foreach (var (k, v) in _modal.ServerEnvironment(_checkpoints))
        {
            env[k] = v;
        }

        env["HOME"] = _home;
        env["CHECKTRAINING_Cache__TtlSeconds"] = "60";
        string[] args = mode == "oauth" ? ["--Http:Auth:Mode=oauth", $"--Http:Auth:Authority={_issuer.Url}"] : ["--Http:Auth:Mode=wandb-key"];
        if (mode == "wandb-key")
        {
            env.Remove("WANDB_API_KEY");
        }

        await using var server = await HttpServerProcess.StartAsync(env, args);
        var bearer = mode == "oauth" ? _issuer.Mint(server.Url + "/mcp") : FakeWandbServer.ApiKey;
        await using (var client = await TeamClients.ConnectAsync(server.Url, bearer))
        {
            foreach (var tool in new[] { "list_recent_runs", "check_training", "plot_run", "get_app_status" })
            {
                var result = await client.CallToolAsync(tool, cancellationToken: TestContext.Current.CancellationToken);
                Assert.True(result.IsError != true, $"{tool} failed, so the session proved little");
            }
        }

        var written = Directory.EnumerateFileSystemEntries(_home, "*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(_home, e)).ToList();
        Assert.True(written.Count == 0, "written under HOME: " + string.Join(", ", written));
        var warned = server.StderrLines.Where(l => l.Contains("DataProtection", StringComparison.Ordinal) || l.Contains("unencrypted", StringComparison.Ordinal)).ToList();
        Assert.True(warned.Count == 0, "data protection spoke: " + string.Join(" | ", warned));
    }
}
