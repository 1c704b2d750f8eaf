using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>The real server started with --http on a free loopback port.</summary>
public sealed partial class HttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _stderr = new();

    private HttpServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The server on loopback, at the port it said it bound.</summary>
    public string Url { get; private set; } = "";

    public int Pid => _process.Id;

    /// <summary>Everything the server logged (stderr), line by line.</summary>
    public IReadOnlyList<string> StderrLines => _stderr.ToList();

    public Process Process => _process;

    public static Task<HttpServerProcess> StartAsync(params string[] extraArgs) => StartAsync(new Dictionary<string, string?>(), extraArgs);

    public static async Task<HttpServerProcess> StartAsync(IDictionary<string, string?> environment, params string[] extraArgs)
    {
        // A port picked here is free only until someone takes it: another test's fake may bind it before the server
        // does. So the server is ready when it says so itself (its "listening on" line, not a TCP connect that any
        // listener would answer), and a server that could not bind its port is started again on another.
        var own = extraArgs.Any(a => a.StartsWith("--Http:Url=", StringComparison.Ordinal));
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var server = Launch(environment, own ? ["--http", .. extraArgs] : ["--http", $"--Http:Url=http://127.0.0.1:{port}", .. extraArgs]);
            System.Text.RegularExpressions.Match? bound = null;
            await Eventually.HoldsAsync(() => server._process.HasExited || (bound = server._stderr.Select(l => Listening().Match(l)).FirstOrDefault(m => m.Success)) is not null,
                TimeSpan.FromSeconds(10));
            if (bound is not null)
            {
                server.Url = "http://127.0.0.1:" + bound.Groups["port"].Value; // a wildcard listen is reached on loopback
                return server;
            }

            var exited = server._process.HasExited;
            await server.DisposeAsync();
            var stderr = string.Join('\n', server._stderr);
            if (!(exited && !own && attempt < 3 && stderr.Contains("already in use", StringComparison.OrdinalIgnoreCase)))
            {
                throw new TimeoutException((exited ? "the HTTP server exited before it listened" : "the HTTP server did not say it listens") + ":\n" + stderr);
            }
        }
    }

    private static HttpServerProcess Launch(IDictionary<string, string?> environment, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(RepoPaths.ServerLaunch.Command) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in RepoPaths.ServerLaunch.Arguments.Concat(args))
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
        var server = new HttpServerProcess(process);
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
        return server;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"check-training listening on https?://[^ ]*:(?<port>\d+)/mcp")]
    private static partial System.Text.RegularExpressions.Regex Listening();

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
