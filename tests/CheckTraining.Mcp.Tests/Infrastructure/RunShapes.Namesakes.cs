namespace CheckTraining.Mcp.Tests.Infrastructure;

public static partial class RunShapes
{
    /// <summary>
    /// Two runs under one display name: a relaunch with the same <c>name=</c> but a new id.
    /// <para>The story: <see cref="LiveId"/> started 3 h ago and still trains in its own app; <see cref="CrashedId"/>,
    /// started 2 h ago under the same name (a second attempt with a bigger batch), crashed 90 min ago.</para>
    /// <para>The truth: asked by name, the tools answer for the newest, <see cref="CrashedId"/> (crashed), and their
    /// first lines name <see cref="LiveId"/> and say it is running, in check_training, compare_runs and plot_run, so an
    /// agent never reads the crash as its live run's (or the reverse).</para>
    /// </summary>
    public static class Namesakes
    {
        public const string Name = "dup-name-shape";
        public const string LiveId = "dup00001";
        public const string CrashedId = "dup00002";
        public const string LiveAppId = "ap-DupLiveAppAAAAAAAAAAA";
        public const string CrashedAppId = "ap-DupCrashedAppAAAAAAAA";

        public static (string, string, string, int, DateTimeOffset, DateTimeOffset?)[] Apps(DateTimeOffset now) =>
        [
            (LiveAppId, AppName, "ephemeral (detached)", 1, now.AddHours(-3).AddMinutes(-40).AddMinutes(-2), null),
            (CrashedAppId, AppName, "stopped", 0, now.AddHours(-2).AddMinutes(-20).AddMinutes(-2), now.AddMinutes(-89)),
        ];

        public static IEnumerable<FakeRun> Runs(DateTimeOffset now)
        {
            yield return DiagnosisFixtures.Run(LiveId, Name, "running", now.AddHours(-3).AddMinutes(-40), now, lastLogAgo: 1, heartbeatAgo: 0.5, gpu: _ => 90);
            yield return DiagnosisFixtures.Run(CrashedId, Name, "crashed", now.AddHours(-2).AddMinutes(-20), now, lastLogAgo: 90, heartbeatAgo: 89, gpu: _ => 90);
        }
    }
}
