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
        Assert.True(await Eventually.HoldsAsync(() => progress.Count > before || stopping.IsCompleted, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10)),
            "the watch never reported a poll"); // waiting once its first poll is reported

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

    [Fact]
    public async Task Over_HTTP_a_closed_stream_stops_the_watch_at_once_frees_its_slot_and_no_read_follows()
    {
        var env = Environment();
        env["CHECKTRAINING_Watch__MaxConcurrent"] = "1"; // a watch still running would refuse the next one
        env["CHECKTRAINING_Cache__TtlSeconds"] = "1"; // every poll reads W&B, so a poll after the close would show
        await using var server = await HttpServerProcess.StartAsync(env, "--Http:Stateless=true");

        // A client that goes away mid-watch: the raw request, read until its first progress event, then closed.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var request = new HttpRequestMessage(HttpMethod.Post, server.Url + "/mcp")
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"watch_run","arguments":{"run":"RUN","timeout_seconds":120},"_meta":{"progressToken":"p7"}}}""".Replace("RUN", SeedRunId, StringComparison.Ordinal),
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"watch_run answered {(int)response.StatusCode}");
        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)))
        {
            string? line;
            do
            {
                line = await reader.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
            }
            while (line is not null && !line.Contains("notifications/progress", StringComparison.Ordinal));

            Assert.NotNull(line); // the watch was polling when the client left
        }

        response.Dispose(); // the stream is closed
        var closedAt = DateTimeOffset.UtcNow;

        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(server.Url + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }),
            cancellationToken: TestContext.Current.CancellationToken);
        CallToolResult next = null!;
        var freed = await Eventually.HoldsAsync(async () =>
        {
            next = await client.CallToolAsync("watch_run", new Dictionary<string, object?> { ["run"] = FinishedRunId },
                cancellationToken: TestContext.Current.CancellationToken); // an ended run: answered at once, if a slot is free
            return next.IsError != true;
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(250));
        Assert.True(freed, "the closed watch still holds its slot: " + next.Text());
        Assert.Equal("already-ended", next.Structured().GetProperty("outcome").GetString());

        // Quiet, measured against a control rather than a sleep: a watch of another running run takes the freed slot and
        // polls for 3 s (three of the closed watch's polls, each reading W&B at this TTL); in that time the closed watch's
        // run is never read.
        var quietFrom = DateTimeOffset.UtcNow;
        var control = await client.CallToolAsync("watch_run", new Dictionary<string, object?> { ["run"] = CustomRunId, ["timeout_seconds"] = 3 },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, control.IsError);
        var since = Wandb.RequestsSince(quietFrom);
        static string? RunOf(RecordedRequest r) => r.Variables?["runId"]?.GetValue<string>();
        Assert.True(control.Structured().GetProperty("polls").GetInt32() >= 2 && since.Count(r => RunOf(r) == CustomRunId) >= 2,
            "the control watch did not poll, so the quiet proves nothing: " + control.Text());
        Assert.DoesNotContain(since, r => RunOf(r) == SeedRunId);
        Assert.True(DateTimeOffset.UtcNow - closedAt > TimeSpan.FromSeconds(3));
    }
}
