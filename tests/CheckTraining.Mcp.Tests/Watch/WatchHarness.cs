using CheckTraining.Mcp.Tests.Infrastructure;
using CheckTraining.Mcp.Watch;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tests.Watch;

/// <summary>An in-process server with the fake modal, on a fake clock moved onto the 30 s poll grid, and its watch service.</summary>
internal sealed record WatchHarness(InProcessServer Server, WatchService Watch, DateTimeOffset Start) : IAsyncDisposable
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);

    /// <summary>Starts it; the fake W&amp;B's request times and scheduled changes then follow the server's fake clock.</summary>
    public static async Task<WatchHarness> StartAsync(FakeWandbServer wandb, FakeModal modal, string checkpoints, params (string Key, string Value)[] extra)
    {
        var settings = InProcessServer.WandbSettings(wandb);
        foreach (var (k, v) in modal.InProcessSettings(checkpoints).Concat(extra.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value))))
        {
            settings[k] = v;
        }

        var server = await InProcessServer.StartAsync(settings);
        wandb.Clock = server.Time;
        // On the grid, so how many polls fit in a timeout does not depend on the start's phase.
        var sinceEpoch = server.Time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        server.Time.Advance(TimeSpan.FromTicks(Poll.Ticks - (sinceEpoch % Poll.Ticks)));
        return new WatchHarness(server, server.Services.GetRequiredService<WatchService>(), server.Time.GetUtcNow());
    }

    public Task<CallToolResult> WatchAsync(Dictionary<string, object?> args, CancellationToken? cancellationToken = null) =>
        Server.Client.CallToolAsync("watch_run", args, cancellationToken: cancellationToken ?? TestContext.Current.CancellationToken).AsTask();

    /// <summary>Moves the clock a poll at a time whenever <paramref name="watchers"/> watches are waiting on it.</summary>
    public Task<T> AdvanceAsync<T>(Task<T> call, int watchers = 1) =>
        Server.AdvanceUntilAsync(call, Poll, TimeSpan.FromHours(1), () => Watch.Waiting == watchers);

    /// <summary>Waits (in real time, briefly) for the server to reach a state; fails rather than hangs.</summary>
    public static async Task Until(Func<bool> condition) =>
        Assert.True(await Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(10)),
            "the server never reached the state the test waits for");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
