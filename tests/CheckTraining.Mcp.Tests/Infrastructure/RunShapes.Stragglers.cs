namespace CheckTraining.Mcp.Tests.Infrastructure;

public static partial class RunShapes
{
    /// <summary>
    /// An 8-GPU data-parallel run whose GPUs 6 and 7 dropped to 0 % 45 minutes ago while 0–5 stayed at 95 %, and which
    /// still logs every minute (rank 0 is fine).
    /// <para>The truth: running, its app is up, logging is fresh, so the code stays <c>healthy</c>, but it needs
    /// attention: the mean (71 %) hides two idle GPUs. The GPU line and the verdict say "GPUs 6–7 idle for 45 min while
    /// 0–5 run at 95 %: a straggler or a dead dataloader worker".</para>
    /// </summary>
    public static class Stragglers
    {
        public const string Id = "gpu8idle";
        public const string AppId = "ap-EightGpuAppAAAAAAAAAA";
        public const string Words = "GPUs 6–7 idle for 45 min while 0–5 run at 95 %: a straggler or a dead dataloader worker";

        private static DateTimeOffset Created(DateTimeOffset now) => now.AddHours(-5);

        public static (string, string, string, int, DateTimeOffset, DateTimeOffset?)[] Apps(DateTimeOffset now) =>
            [(AppId, AppName, "ephemeral (detached)", 1, Created(now).AddMinutes(-2), null)];

        public static FakeRun Run(DateTimeOffset now)
        {
            var run = DiagnosisFixtures.Run(Id, "ddp-8gpu", "running", Created(now), now, lastLogAgo: 1, heartbeatAgo: 0.5, gpu: _ => 95);
            var idleFrom = now.AddMinutes(-45);
            var events = GpuSamples(Created(now), now, 0, 8, (g, t) => g >= 6 && t > idleFrom ? 0 : 95).ToList();
            return Copy(run, events: events, gpuCount: 8);
        }
    }
}
