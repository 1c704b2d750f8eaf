using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Garnet;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// A Redis-compatible server on a free loopback port, persistence off, owned by the test, that can be killed and started
/// again on the same port. The real <c>redis-server</c> when it is on PATH, else Garnet (Microsoft's Redis-compatible
/// server, from NuGet) in this process, so the suite needs only the .NET SDK. <c>CHECKTRAINING_TEST_REDIS</c> picks one:
/// <c>redis-server</c> (CI: fail if it is missing) or <c>garnet</c>.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string ChoiceVariable = "CHECKTRAINING_TEST_REDIS";

    private Process? _process;
    private GarnetServer? _garnet;

    private RedisServer(int port, string kind)
    {
        Port = port;
        Kind = kind;
    }

    public int Port { get; }

    /// <summary><c>redis-server</c> or <c>garnet</c>.</summary>
    public string Kind { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(HttpServerProcess.FreePort(), Choose());
        await server.RestartAsync();
        return server;
    }

    private static string Choose()
    {
        var choice = Environment.GetEnvironmentVariable(ChoiceVariable);
        if (choice is "garnet" or "redis-server")
        {
            return choice;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, "redis-server")))
            ? "redis-server"
            : "garnet";
    }

    public async Task RestartAsync()
    {
        if (Kind == "garnet")
        {
            // Small memory (test data is a few keys) and no log output; Garnet persists nothing unless asked to.
            _garnet = new GarnetServer(["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                "--index", "1m", "--memory", "64m", "--page", "1m"], NullLoggerFactory.Instance);
            _garnet.Start();
        }
        else
        {
            StartRedisProcess();
        }

        if (await Eventually.HoldsAsync(ListensAsync, TimeSpan.FromSeconds(5)))
        {
            return;
        }

        throw new InvalidOperationException($"{Kind} did not start listening on port {Port}.");
    }

    private async Task<bool> ListensAsync()
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void StartRedisProcess()
    {
        ProcessStartInfo psi = new("redis-server", ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
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
            throw new InvalidOperationException(
                $"{ChoiceVariable}=redis-server, but redis-server is not on PATH: install it (Debian: apt-get install redis-server; .ci/run does), " +
                $"or unset {ChoiceVariable} to use the in-process Garnet server.", ex);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task KillAsync()
    {
        if (_garnet is { } garnet)
        {
            _garnet = null;
            garnet.Dispose();
        }

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

