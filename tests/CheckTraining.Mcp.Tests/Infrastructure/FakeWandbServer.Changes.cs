namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// The fake W&amp;B changing while it is watched: a change scheduled for a time on the fake's <see cref="FakeWandbServer.Clock"/>
/// (an in-process server's fake clock) is applied before the first request that arrives at or after it, so a run
/// crashes, or completes an epoch, exactly when the test says. Changes run under a write lock that every query's
/// execution reads under, so a change never lands mid-answer.
/// </summary>
public sealed partial class FakeWandbServer
{
    private readonly ReaderWriterLockSlim _dataLock = new(LockRecursionPolicy.NoRecursion);
    private readonly List<(DateTimeOffset At, Action<FakeWandbData> Change)> _scheduled = [];

    /// <summary>Applies <paramref name="change"/> to <see cref="Data"/> before answering the first request at or after <paramref name="at"/>.</summary>
    public void ChangeAt(DateTimeOffset at, Action<FakeWandbData> change)
    {
        lock (_scheduled)
        {
            _scheduled.Add((at, change));
        }
    }

    /// <summary>Replaces the run with this id in the fixture project (e.g. a copy in another state).</summary>
    public static void Replace(FakeWandbData data, string entity, string project, FakeRun run)
    {
        var runs = data.Project(entity, project);
        runs[runs.FindIndex(r => r.Id == run.Id)] = run;
    }

    private void ApplyDueChanges(DateTimeOffset now)
    {
        List<Action<FakeWandbData>> due;
        lock (_scheduled)
        {
            due = _scheduled.Where(s => s.At <= now).Select(s => s.Change).ToList();
            _scheduled.RemoveAll(s => s.At <= now);
        }

        if (due.Count == 0)
        {
            return;
        }

        _dataLock.EnterWriteLock();
        try
        {
            due.ForEach(change => change(Data));
        }
        finally
        {
            _dataLock.ExitWriteLock();
        }
    }

    private T ReadingData<T>(Func<T> read)
    {
        _dataLock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _dataLock.ExitReadLock();
        }
    }
}
