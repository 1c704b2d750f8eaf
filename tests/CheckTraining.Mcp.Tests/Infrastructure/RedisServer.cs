using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// A real redis-server on a free loopback port, persistence off, owned by the test. It can be killed and started again
/// on the same port. When Redis cannot start, the test fails with the fix: it never skips silently.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(HttpServerProcess.FreePort());
        await server.RestartAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        ProcessStartInfo psi = new("redis-server", ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--daemonize", "no", "--loglevel", "warning"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        try
        {
            _process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("This test needs a real Redis: install redis-server (Debian: apt-get install redis-server; .ci/run does).", ex);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not start listening on port {Port}.");
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }
}
