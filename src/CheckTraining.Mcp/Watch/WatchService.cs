using System.Collections.Concurrent;
using CheckTraining.Mcp.Check;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Watch;

/// <summary>
/// Waits until a run changes, then answers with check_training's report of that moment. Polls on the shared grid
/// (<see cref="PollSlots"/>) through <see cref="SharedChecks"/>, so ten watchers cost one watcher's reads. Cancellation
/// (the caller's, or the server stopping) ends the wait at once, before any further read. Knows nothing about MCP.
/// </summary>
public sealed class WatchService(SharedChecks checks, IOptions<WatchOptions> options, TimeProvider clock, IHostApplicationLifetime? lifetime = null)
{
    public const int MaxTimeoutSeconds = 3600;

    private readonly ConcurrentDictionary<object, DateTimeOffset> _sleeping = new();
    private int _running;

    /// <summary>Watches running now, waiting or polling.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>
    /// Watches waiting on the clock right now (their next poll or timeout still ahead): what a fake-clock test moves the
    /// clock on for. Judged by the clock, so a watch whose time has come stops counting at once, before it wakes.
    /// </summary>
    public int Waiting
    {
        get
        {
            var now = clock.GetUtcNow();
            return _sleeping.Values.Count(due => due > now);
        }
    }

    public async Task<WatchRunReport> WatchAsync(RunReference reference, WatchUntil until, int timeoutSeconds, IWatchProgress progress,
        CancellationToken cancellationToken)
    {
        if (timeoutSeconds is < 1 or > MaxTimeoutSeconds)
        {
            throw new InvalidArgumentException($"timeout_seconds must be between 1 and {MaxTimeoutSeconds}; got {timeoutSeconds}.");
        }

        var max = options.Value.MaxConcurrent;
        if (Interlocked.Increment(ref _running) > max)
        {
            Interlocked.Decrement(ref _running);
            throw new UserFacingException("TooManyWatches",
                $"This server is already running {max} watches, its limit ({SettingNames.Of("Watch:MaxConcurrent")}). " +
                "Wait for one to answer, cancel one, or call check_training for a one-off answer.");
        }

        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Stopping);
            return await WaitAsync(reference, until, TimeSpan.FromSeconds(timeoutSeconds), progress, stop.Token, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private CancellationToken Stopping => lifetime?.ApplicationStopping ?? CancellationToken.None;

    private async Task<WatchRunReport> WaitAsync(RunReference reference, WatchUntil until, TimeSpan timeout, IWatchProgress progress,
        CancellationToken stop, CancellationToken caller)
    {
        var interval = TimeSpan.FromSeconds(options.Value.PollSeconds);
        var started = clock.GetUtcNow();
        var polls = 1;
        WatchRunReport Answer(WatchOutcome outcome, CheckTrainingReport report, WatchedChange? change = null) =>
            new(outcome, until, started, clock.GetUtcNow(), polls, interval.TotalSeconds, timeout.TotalSeconds, change, report);

        var first = await checks.ReadAsync(reference, interval, stop);
        if (first.Run is not { } run)
        {
            return Answer(WatchOutcome.NothingToWatch, first);
        }

        if (WatchRules.HasEnded(first))
        {
            return Answer(WatchOutcome.AlreadyEnded, first);
        }

        // Later polls ask for the run the first one found: "latest" must not move to a run started meanwhile.
        var watched = new RunReference(RunReferenceKind.Id, run.Run.Id, run.Run.Entity, run.Run.Project);
        var latest = first;
        var deadline = started + timeout;
        DateTimeOffset? polled = null;
        try
        {
            while (true)
            {
                await progress.ReportAsync(new WatchPoll(polls, clock.GetUtcNow() - started, timeout, latest), stop);
                // From the instant just polled, not only the clock: a timer may wake a little before its due time (timers
                // run on a monotonic clock, the grid on wall time), and the clock would then name the same instant again.
                var now = clock.GetUtcNow();
                var next = PollSlots.NextStart(polled is { } last && last > now ? last : now, interval);
                if (next >= deadline)
                {
                    await SleepUntilAsync(deadline, stop);
                    return Answer(WatchOutcome.TimedOut, latest);
                }

                await SleepUntilAsync(next, stop);
                polled = next;
                polls++;
                latest = await checks.ReadAsync(watched, interval, stop);
                if (WatchRules.Seen(first, latest, until) is { } seen)
                {
                    return Answer(seen.Outcome, latest, seen.Change);
                }
            }
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            // SIGTERM: answer with what is known rather than hold the shutdown until the timeout.
            return Answer(WatchOutcome.Stopped, latest);
        }
    }

    /// <summary>Waits on the injected clock, counted in <see cref="Waiting"/>.</summary>
    private async Task SleepUntilAsync(DateTimeOffset due, CancellationToken stop)
    {
        var delay = due - clock.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        var sleep = new object();
        _sleeping[sleep] = due;
        try
        {
            await Task.Delay(delay, clock, stop);
        }
        finally
        {
            _sleeping.TryRemove(sleep, out _);
        }
    }
}
