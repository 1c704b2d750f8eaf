using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>The real server started with --http on a free loopback port.</summary>
public sealed class HttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _stderr = new();

    private HttpServerProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public int Pid => _process.Id;

    /// <summary>Everything the server logged (stderr), line by line.</summary>
    public IReadOnlyList<string> StderrLines => _stderr.ToList();

    public Process Process => _process;

    public static Task<HttpServerProcess> StartAsync(params string[] extraArgs) => StartAsync(new Dictionary<string, string?>(), extraArgs);

    public static async Task<HttpServerProcess> StartAsync(IDictionary<string, string?> environment, params string[] extraArgs)
    {
        // A test that picks its own listen address (a wildcard, say) names it last; it is reached on loopback all the same.
        var own = extraArgs.LastOrDefault(a => a.StartsWith("--Http:Url=", StringComparison.Ordinal)) is { } listen ? new Uri(listen["--Http:Url=".Length..]) : null;
        var port = own?.Port ?? FreePort();
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo(RepoPaths.ServerLaunch.Command) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in RepoPaths.ServerLaunch.Arguments.Concat(["--http", $"--Http:Url={url}"]).Concat(extraArgs))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["HOME"] = Path.GetTempPath();
        psi.Environment.Remove("WANDB_API_KEY");
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        var process = new Process { StartInfo = psi };
        var server = new HttpServerProcess(process, url);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                server._stderr.Enqueue(line);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException("the HTTP server did not start listening");
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
