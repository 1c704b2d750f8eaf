namespace CheckTraining.Mcp.Tests.Infrastructure;

public static partial class RunShapes
{
    /// <summary>
    /// A four-trial learning-rate sweep run with <c>.map()</c> in one <c>modal run --detach</c>: one app
    /// (<see cref="AppId"/>) with a container per trial, every trial in group <see cref="Group"/> and sweep
    /// <see cref="SweepId"/>, all created 2 h ago within a minute of each other.
    /// <para>The story: trial 2 (<see cref="CrashedId"/>) ran out of GPU memory 40 min ago; W&amp;B marked it crashed.
    /// Its container is gone, so the app now runs 3 tasks: trials 1, 3 and 4, which log every minute.</para>
    /// <para>The truth: trial 2 is <c>crashed</c>, with the OOM line; the app is still up because of its three live
    /// siblings, so its GPUs are theirs, not trial 2's: no <c>gpu-still-held</c>, and nothing may suggest stopping the
    /// app. Trial 1 is healthy in the same app.</para>
    /// </summary>
    public static class Sweep
    {
        public const string AppId = "ap-SweepAppAAAAAAAAAAAAA";
        public const string AppDescription = "melee-sweep";
        public const string Group = "lr-sweep";
        public const string SweepId = "sw3ep123";
        public const string CrashedId = "swp00002";
        public const string HealthyId = "swp00001";
        public static readonly string[] LiveIds = ["swp00001", "swp00003", "swp00004"];
        public const string OomLine = "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 4.00 GiB. GPU 0 has a total capacity of 79.15 GiB";

        private static DateTimeOffset Created(DateTimeOffset now) => now.AddHours(-2);

        public static (string, string, string, int, DateTimeOffset, DateTimeOffset?)[] Apps(DateTimeOffset now) =>
            [(AppId, AppDescription, "ephemeral (detached)", 3, Created(now).AddMinutes(-2), null)];

        public static IEnumerable<FakeRun> Runs(DateTimeOffset now)
        {
            for (var trial = 1; trial <= 4; trial++)
            {
                var id = $"swp0000{trial}";
                var created = Created(now).AddSeconds(trial * 15);
                var run = trial == 2
                    ? DiagnosisFixtures.Run(id, $"lr-trial-{trial}", "crashed", created, now, lastLogAgo: 40, heartbeatAgo: 39, gpu: _ => 93,
                        console: [(false, "epoch 1 starting"), (true, "Traceback (most recent call last):"), (true, "  File \"train.py\", line 88, in <module>"),
                            (true, "    loss.backward()"), (true, OomLine)])
                    : DiagnosisFixtures.Run(id, $"lr-trial-{trial}", "running", created, now, lastLogAgo: 1, heartbeatAgo: 0.5, gpu: _ => 94);
                yield return Copy(run, Group, SweepId);
            }
        }
    }
}
