using System.IO.Pipelines;
using CheckTraining.Mcp.Hosting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// The server's own registration (<c>AddCheckTraining</c>) in this process, joined to the SDK's client by two pipes (the
/// SDK's own test pattern), with a fake clock that also drives the cache. Makes TTLs, coalescing and timeouts fast and
/// deterministic; the process tests prove the real path.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private InProcessServer(ServiceProvider services, McpServer server, FakeTimeProvider time)
    {
        _services = services;
        Time = time;
        _running = server.RunAsync(_stop.Token);
    }

    public FakeTimeProvider Time { get; }

    public McpClient Client { get; private set; } = null!;

    /// <summary>The server's services, for a test that waits on one (e.g. the watches sleeping till their next poll).</summary>
    public IServiceProvider Services => _services;

    /// <param name="settings">Configuration keys as in appsettings.json (e.g. <c>Wandb:BaseUrl</c>).</param>
    /// <param name="clientOptions">The client's options (its protocol version, declared capabilities), else the SDK's defaults.</param>
    public static async Task<InProcessServer> StartAsync(IDictionary<string, string?> settings, McpClientOptions? clientOptions = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(time);
        services.Configure<MemoryCacheOptions>(o => o.Clock = new FakeClock(time)); // the cache's first level expires on the fake clock
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        services.AddCheckTraining(configuration).WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream());
        var provider = services.BuildServiceProvider();
        var server = new InProcessServer(provider, provider.GetRequiredService<McpServer>(), time);
        server.Client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()),
            clientOptions, cancellationToken: TestContext.Current.CancellationToken);
        return server;
    }

    /// <summary>Settings pointing at a fake W&amp;B with the fixture project; add Modal or cache settings as needed.</summary>
    public static Dictionary<string, string?> WandbSettings(FakeWandbServer wandb) => new()
    {
        ["Wandb:BaseUrl"] = wandb.BaseUrl,
        ["Wandb:ApiKey"] = FakeWandbServer.ApiKey,
        ["Wandb:Entity"] = WandbFixtures.Entity,
        ["Wandb:Project"] = WandbFixtures.Project,
        ["Wandb:RetryBaseDelaySeconds"] = "0.05",
        ["Modal:CliPath"] = "/nonexistent/modal",
    };

    public async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null) =>
        await Client.CallToolAsync(tool, arguments ?? [], cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>
    /// Awaits <paramref name="work"/> while moving the fake clock on in <paramref name="step"/>s whenever
    /// <paramref name="waiting"/> says the server is waiting on time (each check after a short real pause, so I/O can
    /// land): timeouts fire without the test waiting for them in real time, and real I/O never races the clock.
    /// </summary>
    public async Task<T> AdvanceUntilAsync<T>(Task<T> work, TimeSpan step, TimeSpan limit, Func<bool> waiting)
    {
        var advanced = TimeSpan.Zero;
        var real = System.Diagnostics.Stopwatch.StartNew(); // a wrong waiting condition fails the test, never hangs it
        while (!work.IsCompleted && advanced < limit && real.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.WhenAny(work, Task.Delay(20, TestContext.Current.CancellationToken));
            if (!work.IsCompleted && waiting())
            {
                Time.Advance(step);
                advanced += step;
            }
        }

        return await work.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        await _services.DisposeAsync();
        _stop.Dispose();
    }

    internal sealed class FakeClock(TimeProvider time) : ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
