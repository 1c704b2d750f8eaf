using System.Text.Json;
using CheckTraining.Mcp.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Watch;

/// <summary>
/// watch_run in process on the fake clock, as it ships (cache on, 30 s polls), against the fake W&amp;B changing at set
/// times and the fake modal: what it sees, when, and what it costs.
/// </summary>
public sealed class WatchRunTests : WatchFakes
{
    private static readonly TimeSpan Poll = WatchHarness.Poll;
    private Task<WatchHarness> StartAsync(params (string Key, string Value)[] extra) => WatchHarness.StartAsync(Wandb, Modal, Checkpoints, extra);

    private int AppLists => Modal.OwnInvocations.Count(a => a is ["app", "list", "--json"]);

    [Fact]
    public async Task A_crash_is_seen_within_one_poll_for_two_W_and_B_requests_and_one_app_list_a_poll()
    {
        await using var h = await StartAsync();
        var (server, watch, start) = (h.Server, h.Watch, h.Start);
        var crashAt = start + TimeSpan.FromSeconds(45);
        WatchFixtures.CrashSeedRunAt(Wandb, crashAt);

        var result = await h.AdvanceAsync(h.WatchAsync(new() { ["run"] = SeedRunId }));

        var r = result.Structured();
        Assert.Equal("ended", r.GetProperty("outcome").GetString());
        var change = r.GetProperty("change");
        Assert.Equal("healthy", change.GetProperty("fromVerdict").GetString());
        Assert.Equal("running", change.GetProperty("fromState").GetString());
        Assert.Equal("crashed", change.GetProperty("toState").GetString());
        // The app is still up, so the verdict says its GPU may still be billed; the console's error rides along.
        Assert.Equal("gpu-still-held", r.GetProperty("check").GetProperty("verdict").GetProperty("code").GetString());
        Assert.Contains(WatchFixtures.OomLine, result.Text());
        var answeredAt = r.GetProperty("answeredAt").GetDateTimeOffset();
        Assert.InRange(answeredAt - crashAt, TimeSpan.Zero, Poll); // seen at the first poll after it
        Assert.Equal(3, r.GetProperty("polls").GetInt32()); // start, +30 s (healthy), +60 s (crashed)
        Assert.StartsWith("**Watch: the run ended: crashed** (healthy → gpu-still-held), seen in the read", result.Text());
        Assert.Contains("after 60 s of watching (3 polls, every 30 s)", result.Text());
        Assert.Equal(6, Wandb.Requests.Count);
        Assert.Equal(3, AppLists);
        Assert.Empty(Wandb.Violations);
    }

    [Fact]
    public async Task A_new_validation_epoch_is_seen_with_until_epoch_and_is_no_change_for_until_change()
    {
        await using var h = await StartAsync();
        var (server, watch, start) = (h.Server, h.Watch, h.Start);
        WatchFixtures.CompleteSeedEpochAt(Wandb, start + TimeSpan.FromSeconds(45));

        var epoch = h.WatchAsync(new() { ["run"] = SeedRunId, ["until"] = "epoch", ["timeout_seconds"] = 120 });
        var change = h.WatchAsync(new() { ["run"] = SeedRunId, ["until"] = "change", ["timeout_seconds"] = 120 });
        var seen = await server.AdvanceUntilAsync(epoch, Poll, TimeSpan.FromMinutes(5), () => watch.Waiting == 2);

        var r = seen.Structured();
        Assert.Equal("epoch", r.GetProperty("outcome").GetString());
        Assert.Equal(2, r.GetProperty("change").GetProperty("fromEpoch").GetDouble());
        Assert.Equal(3, r.GetProperty("change").GetProperty("toEpoch").GetDouble());
        Assert.Equal(3, r.GetProperty("check").GetProperty("run").GetProperty("validation").GetProperty("epochs").GetArrayLength());
        Assert.StartsWith("**Watch: epoch 3 validated** (the last before was 2)", seen.Text());

        // The same data is no change of verdict or state: the other watch waits on to its timeout.
        var timedOut = (await h.AdvanceAsync(change)).Structured();
        Assert.Equal("timed-out", timedOut.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task The_timeout_answers_no_change_with_the_latest_report_not_an_error()
    {
        await using var h = await StartAsync();
        var (server, watch, start) = (h.Server, h.Watch, h.Start);

        var result = await h.AdvanceAsync(h.WatchAsync(new() { ["run"] = SeedRunId, ["timeout_seconds"] = 120 }));

        var r = result.Structured();
        Assert.Equal("timed-out", r.GetProperty("outcome").GetString());
        Assert.Equal(start + TimeSpan.FromSeconds(120), r.GetProperty("answeredAt").GetDateTimeOffset());
        Assert.Equal(4, r.GetProperty("polls").GetInt32()); // at 0, 30, 60, 90 s; none at the deadline itself
        Assert.Equal("healthy", r.GetProperty("check").GetProperty("verdict").GetProperty("code").GetString());
        Assert.StartsWith("**Watch: no change in 2 min** (4 polls, every 30 s); the latest report, as of", result.Text());
        Assert.Contains("**Verdict**: ", result.Text());
        Assert.Equal(8, Wandb.Requests.Count);
    }

    [Fact]
    public async Task A_run_that_already_ended_answers_at_once()
    {
        await using var h = await StartAsync();
        var (server, watch) = (h.Server, h.Watch);

        var result = await h.WatchAsync(new() { ["run"] = FinishedRunId }); // no clock moved

        var r = result.Structured();
        Assert.Equal("already-ended", r.GetProperty("outcome").GetString());
        Assert.Equal(1, r.GetProperty("polls").GetInt32());
        Assert.StartsWith("**Watch: nothing to wait for**: the run had already ended (finished).", result.Text());
        Assert.Equal(2, Wandb.Requests.Count);
        Assert.Equal(0, watch.Running);
    }

    [Fact]
    public async Task A_run_that_does_not_exist_is_nothing_to_watch()
    {
        await using var h = await StartAsync();

        var result = await h.WatchAsync(new() { ["run"] = "nosuchrun" });

        Assert.Equal("nothing-to-watch", result.Structured().GetProperty("outcome").GetString());
        Assert.Contains("list_recent_runs", result.Text());
    }

    [Fact]
    public async Task Cancelling_stops_the_polling_at_once_and_no_W_and_B_request_follows()
    {
        await using var h = await StartAsync();
        var (server, watch) = (h.Server, h.Watch);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var call = h.WatchAsync(new() { ["run"] = SeedRunId }, cancel.Token);
        await WatchHarness.Until(() => watch.Waiting == 1);
        server.Time.Advance(Poll);
        await WatchHarness.Until(() => watch.Waiting == 1); // the second poll done, waiting for the third
        var (requests, lists) = (Wandb.Requests.Count, AppLists);
        Assert.Equal(4, requests);

        await cancel.CancelAsync(); // notifications/cancelled
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await WatchHarness.Until(() => watch.Running == 0);
        for (var i = 0; i < 20; i++)
        {
            server.Time.Advance(Poll);
        }

        var after = await server.CallAsync("get_app_status"); // one more round trip, so anything the watch had left would have run
        Assert.NotEqual(true, after.IsError);
        Assert.Equal(requests, Wandb.Requests.Count);
        Assert.Equal(lists, AppLists - 1); // the get_app_status call's own listing only
    }

    [Fact]
    public async Task Ten_watchers_cost_what_one_watcher_costs()
    {
        await using var h = await StartAsync();
        var (server, watch, start) = (h.Server, h.Watch, h.Start);
        var crashAt = start + TimeSpan.FromSeconds(45);
        WatchFixtures.CrashSeedRunAt(Wandb, crashAt);

        // Five start on the grid, five 10 s later: the later ones' first read is the slot's, and every poll after is shared.
        var calls = Enumerable.Range(0, 5).Select(_ => h.WatchAsync(new() { ["run"] = SeedRunId })).ToList();
        await WatchHarness.Until(() => watch.Waiting == 5);
        server.Time.Advance(TimeSpan.FromSeconds(10));
        calls.AddRange(Enumerable.Range(0, 5).Select(_ => h.WatchAsync(new() { ["run"] = SeedRunId })));
        var all = server.AdvanceUntilAsync(Task.WhenAll(calls), Poll, TimeSpan.FromMinutes(5), () => watch.Waiting == 10);
        var results = await all;

        Assert.All(results, r => Assert.Equal("ended", r.Structured().GetProperty("outcome").GetString()));
        Assert.All(results, r => Assert.InRange(r.Structured().GetProperty("answeredAt").GetDateTimeOffset() - crashAt, TimeSpan.Zero, Poll));
        Assert.Equal(6, Wandb.Requests.Count); // 3 polls × 2, as for one watcher
        Assert.Equal(3, AppLists);
    }

    [Theory]
    [InlineData("until", "soon", "'watch_run': argument 'until' must be one of change, epoch, finished; got a string.")]
    [InlineData("timeout_seconds", 0, "'watch_run': argument 'timeout_seconds' must be between 1 and 3600; got 0.")]
    [InlineData("timeout_seconds", 3601, "'watch_run': argument 'timeout_seconds' must be between 1 and 3600; got 3601.")]
    [InlineData("timeout_seconds", "abc", "'watch_run': argument 'timeout_seconds' must be a whole number; got a string.")]
    [InlineData("run", "a\u0007b", "run must be a W&B run id")]
    [InlineData("every", 5, "'watch_run' has no argument 'every'. Its arguments: run, until, timeout_seconds.")]
    public async Task Bad_arguments_get_a_clear_error_naming_the_argument_at_once(string argument, object value, string expected)
    {
        await using var h = await StartAsync();
        var (server, watch) = (h.Server, h.Watch);

        var result = await h.WatchAsync(new() { [argument] = value });

        Assert.Contains(expected, result.ErrorText());
        Assert.Empty(Wandb.Requests);
        Assert.Equal(0, watch.Running);
    }

    [Fact]
    public async Task Beyond_Watch_MaxConcurrent_a_watch_is_refused_with_the_setting_named()
    {
        await using var h = await StartAsync(("Watch:MaxConcurrent", "2"));
        var (server, watch) = (h.Server, h.Watch);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = new[] { h.WatchAsync(new() { ["run"] = SeedRunId }, cancel.Token), h.WatchAsync(new() { ["run"] = SeedRunId }, cancel.Token) };
        await WatchHarness.Until(() => watch.Waiting == 2);

        var refused = await h.WatchAsync(new() { ["run"] = SeedRunId });

        Assert.Contains("already running 2 watches, its limit (Watch:MaxConcurrent (CHECKTRAINING_Watch__MaxConcurrent))", refused.ErrorText());
        await cancel.CancelAsync();
        foreach (var call in running)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        await WatchHarness.Until(() => watch.Running == 0);
        var again = h.WatchAsync(new() { ["run"] = FinishedRunId });
        Assert.Equal("already-ended", (await again).Structured().GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Each_poll_sends_one_progress_notification_to_each_watcher_that_sent_a_token()
    {
        await using var h = await StartAsync(("Tools:OutputSchemas", "true"));
        var (server, watch) = (h.Server, h.Watch);
        var messages = new List<ProgressNotificationParams>();
        await using var handler = server.Client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (n, _) =>
        {
            lock (messages)
            {
                messages.Add(JsonSerializer.Deserialize<ProgressNotificationParams>(n.Params, ModelContextProtocol.McpJsonUtilities.DefaultOptions)!);
            }

            return ValueTask.CompletedTask;
        });

        // Two identical watches, each with its own token (a shared result would leave one without progress), one without.
        Task<CallToolResult> Call(bool withProgress) => server.Client.CallToolAsync("watch_run",
            new Dictionary<string, object?> { ["run"] = SeedRunId, ["timeout_seconds"] = 90 },
            withProgress ? new Progress<ModelContextProtocol.ProgressNotificationValue>(_ => { }) : null,
            cancellationToken: TestContext.Current.CancellationToken).AsTask();
        var calls = new[] { Call(true), Call(true), Call(false) };
        var results = await server.AdvanceUntilAsync(Task.WhenAll(calls), Poll, TimeSpan.FromMinutes(5), () => watch.Waiting == 3);
        var result = results[0];

        Assert.All(results, r => Assert.Equal("timed-out", r.Structured().GetProperty("outcome").GetString()));
        await WatchHarness.Until(() => { lock (messages) { return messages.Count == 6; } }); // polls at 0, 30 and 60 s; the answer at 90 s
        Assert.Equal(2, messages.Select(m => m.ProgressToken).Distinct().Count());
        Assert.All(messages, m => Assert.Equal("epoch 3/3, batch 12,000 (27 %), healthy", m.Progress.Message));
        Assert.All(messages.GroupBy(m => m.ProgressToken), g => Assert.Equal([0, 30, 60], g.Select(m => (double)m.Progress.Progress)));
        Assert.All(messages, m => Assert.Equal(90, m.Progress.Total));

        // The structured content is what the advertised output schema says.
        var tool = (await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Single(t => t.Name == "watch_run");
        var problems = OutputSchemaCheck.Problems(tool.ProtocolTool.OutputSchema!.Value, result.Structured());
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }
}
