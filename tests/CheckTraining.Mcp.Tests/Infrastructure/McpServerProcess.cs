using System.Collections.Concurrent;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Starts the real server executable as a child process and connects the SDK's McpClient over stdio, the way Claude,
/// VS Code and the Inspector do. The environment is explicit: nothing from the developer's machine leaks in.
/// </summary>
public sealed class McpServerProcess : IAsyncDisposable
{
    /// <summary>The classic initialize handshake (2.4.0's client would otherwise negotiate 2026-07-28, which has none).</summary>
    public const string ClassicProtocol = "2025-11-25";

    private readonly ConcurrentQueue<string> _stderr = new();

    private McpServerProcess(string home) => Home = home;

    public McpClient Client { get; private set; } = null!;

    /// <summary>Every message from the server in wire order (see <see cref="RecordingClientTransport"/>).</summary>
    public IReadOnlyList<JsonRpcMessage> Received => _recording.Received.ToList();

    private RecordingClientTransport _recording = null!;

    /// <summary>A private HOME (so no real ~/.netrc or ~/.modal.toml is read) and working directory.</summary>
    public string Home { get; }

    public string Stderr => string.Join('\n', _stderr);

    public static async Task<McpServerProcess> StartAsync(IDictionary<string, string?> environment, string? protocolVersion = ClassicProtocol,
        string? workingDirectory = null)
    {
        var home = Directory.CreateTempSubdirectory("checktraining-home-").FullName;
        var process = new McpServerProcess(home);
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["USERPROFILE"] = home,
            ["WANDB_API_KEY"] = null,
            ["WANDB_BASE_URL"] = null,
            ["WANDB_ENTITY"] = null,
            ["WANDB_PROJECT"] = null,
            ["WANDB_APP_URL"] = null,
            ["NETRC"] = null,
            ["WANDB_CONFIG_DIR"] = null,
            ["MODAL_PROFILE"] = null,
            ["MODAL_ENVIRONMENT"] = null,
            ["DOTNET_ENVIRONMENT"] = null,
            ["CHECKTRAINING_Transport"] = null,
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin", // no real modal CLI on the path
        };
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        var transport = process._recording = new RecordingClientTransport(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "check-training",
            Command = RepoPaths.ServerLaunch.Command,
            Arguments = RepoPaths.ServerLaunch.Arguments,
            WorkingDirectory = workingDirectory ?? home,
            EnvironmentVariables = env,
            StandardErrorLines = process._stderr.Enqueue,
        }));
        process.Client = await McpClient.CreateAsync(transport, new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "checktraining-tests", Version = "1.0" },
            ProtocolVersion = protocolVersion,
        }, cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return process;
    }

    /// <summary>
    /// Environment pointing the server at a fake W&amp;B with a valid key and the fixture project, the cache on as it
    /// ships (Cache:TtlSeconds' default): a test that must see every call read W&amp;B turns it off itself, saying why.
    /// </summary>
    public static Dictionary<string, string?> WandbEnvironment(FakeWandbServer wandb) => new()
    {
        ["WANDB_BASE_URL"] = wandb.BaseUrl,
        ["WANDB_API_KEY"] = FakeWandbServer.ApiKey,
        ["WANDB_ENTITY"] = WandbFixtures.Entity,
        ["WANDB_PROJECT"] = WandbFixtures.Project,
        ["CHECKTRAINING_Wandb__RetryBaseDelaySeconds"] = "0.05",
    };

    public async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null, CancellationToken cancellationToken = default) =>
        await Client.CallToolAsync(tool, arguments ?? [], cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
