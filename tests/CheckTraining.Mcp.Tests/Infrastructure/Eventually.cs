using System.Diagnostics;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// The suite's one real-time wait: polling, up to a deadline, for what only a real process, pipe or socket can show (a
/// line in a child's stderr, a listening port, a pid file, a reaped process). Never a fixed sleep. Timing the code owns
/// runs on the fake clock instead (InProcessServer, FakeTimeProvider).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>True once <paramref name="condition"/> holds; false if <paramref name="within"/> passes first.</summary>
    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan within, TimeSpan? every = null) =>
        HoldsAsync(() => Task.FromResult(condition()), within, every);

    /// <summary>The same for a condition that must ask something (a request, a connect) each time.</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan within, TimeSpan? every = null)
    {
        var real = Stopwatch.StartNew();
        while (!await condition())
        {
            if (real.Elapsed > within)
            {
                return false;
            }

            await Task.Delay(every ?? DefaultEvery, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
