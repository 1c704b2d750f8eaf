using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Watch;

/// <summary>
/// The smoke layer: watch_run through the real server process with a real client, over stdio and Streamable HTTP, in
/// real time on 1 s polls (the in-process tests cover the behaviour on the fake clock).
/// </summary>
public sealed class WatchRunProcessTests : WatchFakes
{
    /// <summary>As it ships (cache on), with 1 s polls so the smoke test waits seconds, not minutes.</summary>
    private Dictionary<string, string?> Environment()
    {
        var env = McpServerProcess.WandbEnvironment(Wandb);
        foreach (var (k, v) in Modal.ServerEnvironment(Checkpoints))
        {
            env[k] = v;
        }

        env["CHECKTRAINING_Cache__TtlSeconds"] = "10";
        env["CHECKTRAINING_Watch__PollSeconds"] = "1";
        return env;
    }

    private static IAsyncDisposable CountProgress(McpClient client, List<ProgressNotificationValue> into) =>
        client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (n, _) =>
        {
            lock (into)
            {
                into.Add(JsonSerializer.Deserialize<ProgressNotificationParams>(n.Params, McpJsonUtilities.DefaultOptions)!.Progress);
            }

            return ValueTask.CompletedTask;
        });

    [Fact]
    public async Task Over_stdio_a_client_with_a_progress_token_gets_one_notification_per_poll_then_the_answer()
    {
        await using var server = await McpServerProcess.StartAsync(Environment());
        Assert.NotEqual(true, (await server.CallAsync("check_training", new() { ["run"] = FinishedRunId }, TestContext.Current.CancellationToken)).IsError); // warm
        var before = Wandb.Requests.Count;

        // Passing an IProgress makes the client send a progress token.
        var result = await server.Client.CallToolAsync("watch_run", new Dictionary<string, object?> { ["run"] = SeedRunId, ["timeout_seconds"] = 4 },
            new Progress<ProgressNotificationValue>(_ => { }), cancellationToken: TestContext.Current.CancellationToken);

        var r = result.Structured();
        Assert.Equal("timed-out", r.GetProperty("outcome").GetString());
        var polls = r.GetProperty("polls").GetInt32();
        Assert.InRange(polls, 2, 6); // at the start, on each whole second, and one last read at the deadline (fewer if a read is slow)
        Assert.StartsWith("**Watch: no change in 4 s**", result.Text());
        // Read on the wire, in its order: the client runs notification handlers concurrently, so a handler may not have run
        // yet when the answer arrives, and handlers may run out of order.
        var onTheWire = server.Received.OfType<JsonRpcNotification>().Where(n => n.Method == NotificationMethods.ProgressNotification)
            .Select(n => JsonSerializer.Deserialize<ProgressNotificationParams>(n.Params, McpJsonUtilities.DefaultOptions)!.Progress).ToList();
        Assert.Equal(polls, onTheWire.Count);
        Assert.All(onTheWire, p => Assert.Equal("epoch 3/3, batch 12,000 (27 %), healthy", p.Message));
        Assert.All(onTheWire, p => Assert.Equal(4, p.Total));
        Assert.Equal(onTheWire.Select(p => p.Progress).Order(), onTheWire.Select(p => p.Progress)); // never backwards

        // At most check_training's 2 a poll; fewer, since 1 s polls reuse the raw reads' 10 s cache (Cache:TtlSeconds).
        Assert.InRange(Wandb.Requests.Count - before, 2, 2 * polls);
        Assert.Empty(Wandb.Violations);
    }

    [Fact]
    public async Task Over_HTTP_a_watch_is_one_call_to_the_rate_limit_and_SIGTERM_answers_it_at_once_with_no_read_after()
    {
        await using var server = await HttpServerProcess.StartAsync(Environment(), "--Http:RateLimit:PerMinute=3", "--Http:Stateless=true");
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(server.Url + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }),
            cancellationToken: TestContext.Current.CancellationToken);
        var progress = new List<ProgressNotificationValue>();
        await using var _ = CountProgress(client, progress);

        // A watch of several polls is one request: the call after it is still within 3 a minute.
        // 8 s of 1 s polls: even on a loaded machine, where the first, cold read (W&B, then the modal child) took over 4 s on CI.
        var watched = await client.CallToolAsync("watch_run", new Dictionary<string, object?> { ["run"] = SeedRunId, ["timeout_seconds"] = 8 },
            new Progress<ProgressNotificationValue>(_ => { }), cancellationToken: TestContext.Current.CancellationToken);
        Assert.InRange(watched.Structured().GetProperty("polls").GetInt32(), 2, 10);
        var stopping = client.CallToolAsync("watch_run", new Dictionary<string, object?> { ["run"] = SeedRunId },
            new Progress<ProgressNotificationValue>(_ => { }), cancellationToken: TestContext.Current.CancellationToken).AsTask();
        var before = progress.Count;
        var real = Stopwatch.StartNew();
        while (Volatile.Read(ref before) == progress.Count && !stopping.IsCompleted) // waiting once its first poll is reported
        {
            Assert.True(real.Elapsed < TimeSpan.FromSeconds(20), "the watch never reported a poll");
            await Task.WhenAny(stopping, Task.Delay(10, TestContext.Current.CancellationToken));
        }

        Assert.False(stopping.IsCompleted, "the watch ended before SIGTERM was sent");
        using (Process.Start("kill", ["-TERM", server.Pid.ToString(CultureInfo.InvariantCulture)])) { }

        var stopped = await stopping.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var requests = Wandb.Requests.Count;
        Assert.Equal("stopped", stopped.Structured().GetProperty("outcome").GetString());
        Assert.StartsWith("**Watch stopped: the server is shutting down**", stopped.Text());
        Assert.True(server.Process.WaitForExit(TimeSpan.FromSeconds(10)), "the server did not exit after SIGTERM");
        Assert.Equal(0, server.Process.ExitCode);
        Assert.Equal(requests, Wandb.Requests.Count);
    }
}
