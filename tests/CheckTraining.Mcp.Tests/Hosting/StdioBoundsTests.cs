using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CheckTraining.Mcp.Hosting;
using CheckTraining.Mcp.Hosting.Stdio;
using CheckTraining.Mcp.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>
/// Bounded stdio input: the server's own registration (AddCheckTraining + the bounded transport) over raw pipes, so each
/// test writes exactly the bytes a client would; one process test is the smoke path with the 4 MiB default.
/// </summary>
public sealed class StdioBoundsTests : IAsyncDisposable
{
    private const int Max = 64 * 1024;
    private readonly Pipe _toServer = new();
    private readonly Pipe _fromServer = new();
    private readonly StreamReader _replies;
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public StdioBoundsTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Stdio:MaxMessageBytes"] = Max.ToString() }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCheckTraining(configuration).WithBoundedStdioTransport(configuration, () => (_toServer.Reader.AsStream(), _fromServer.Writer.AsStream()));
        _services = services.BuildServiceProvider();
        _running = _services.GetRequiredService<McpServer>().RunAsync(_stop.Token);
        _replies = new StreamReader(_fromServer.Reader.AsStream(), Encoding.UTF8);
    }

    private async Task SendAsync(string line) => await _toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(line), TestContext.Current.CancellationToken);

    private async Task<JsonElement> ReplyAsync()
    {
        var line = await _replies.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(line!).RootElement.Clone();
    }

    private async Task InitializeAsync()
    {
        await SendAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""" + "\n");
        Assert.Equal(1, (await ReplyAsync()).GetProperty("id").GetInt32());
        await SendAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""" + "\n");
    }

    [Fact]
    public async Task An_over_long_line_gets_an_error_with_its_id_and_is_discarded_and_the_next_request_is_answered()
    {
        await InitializeAsync();
        // 16 times the limit, written in pieces as a pipe would deliver it.
        var big = "{\"jsonrpc\":\"2.0\",\"id\":\"big-7\",\"method\":\"tools/call\",\"params\":{\"name\":\"list_recent_runs\",\"arguments\":{\"state\":\"" + new string('x', 16 * Max) + "\"}}}\n";
        for (var i = 0; i < big.Length; i += 10_000)
        {
            await SendAsync(big.Substring(i, Math.Min(10_000, big.Length - i)));
        }

        await SendAsync("""{"jsonrpc":"2.0","id":8,"method":"ping"}""" + "\n");

        var error = await ReplyAsync();
        Assert.Equal("big-7", error.GetProperty("id").GetString());
        Assert.Equal(-32600, error.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("Stdio:MaxMessageBytes", error.GetProperty("error").GetProperty("message").GetString());
        var pong = await ReplyAsync();
        Assert.Equal(8, pong.GetProperty("id").GetInt32());
        Assert.True(pong.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task A_line_that_is_not_JSON_gets_a_parse_error_and_the_session_goes_on()
    {
        await InitializeAsync();
        await SendAsync("""{"jsonrpc":"2.0","id":5,"method":"ping",""" + "\n");
        await SendAsync("not json at all\n");
        await SendAsync("""{"jsonrpc":"2.0","id":6,"method":"ping"}""" + "\n");

        var first = await ReplyAsync();
        Assert.Equal(-32700, first.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(5, first.GetProperty("id").GetInt32()); // recovered from the broken line
        var second = await ReplyAsync();
        Assert.Equal(-32700, second.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("id").ValueKind);
        Assert.Equal(6, (await ReplyAsync()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task A_line_exactly_at_the_limit_is_served()
    {
        await InitializeAsync();
        var prefix = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":{\"_meta\":{\"pad\":\"";
        const string suffix = "\"}}}";
        await SendAsync(prefix + new string('p', Max - prefix.Length - suffix.Length) + suffix + "\n");
        var reply = await ReplyAsync();
        Assert.Equal(3, reply.GetProperty("id").GetInt32());
        Assert.True(reply.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task The_real_server_answers_a_20_MB_line_with_an_error_and_keeps_serving()
    {
        var psi = new ProcessStartInfo(RepoPaths.ServerLaunch.Command, RepoPaths.ServerLaunch.Arguments)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.Environment["HOME"] = Directory.CreateTempSubdirectory("checktraining-home-").FullName;
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            var stdin = process.StandardInput.BaseStream;
            await stdin.WriteAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}"""u8.ToArray().Append((byte)'\n').ToArray(), TestContext.Current.CancellationToken);
            var chunk = Encoding.UTF8.GetBytes(new string('x', 1024 * 1024));
            await stdin.WriteAsync("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\",\"params\":{\"pad\":\""u8.ToArray(), TestContext.Current.CancellationToken);
            for (var i = 0; i < 20; i++)
            {
                await stdin.WriteAsync(chunk, TestContext.Current.CancellationToken);
            }

            await stdin.WriteAsync("\"}}\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\n"u8.ToArray(), TestContext.Current.CancellationToken);
            await stdin.FlushAsync(TestContext.Current.CancellationToken);

            var lines = new List<JsonElement>();
            while (lines.Count < 3)
            {
                var line = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask()
                    .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
                lines.Add(JsonDocument.Parse(line!).RootElement.Clone());
            }

            // Requests are served concurrently, so replies are matched by id, not by order.
            var byId = lines.ToDictionary(l => l.GetProperty("id").GetInt32());
            Assert.Contains("4194304 bytes (Stdio:MaxMessageBytes)", byId[2].GetProperty("error").GetProperty("message").GetString());
            Assert.True(byId[1].TryGetProperty("result", out _));
            Assert.True(byId[3].TryGetProperty("result", out _));
        }
        finally
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Contains("Discarded a 20971", await stderr);
        Assert.DoesNotContain("   at ", await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
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
}
