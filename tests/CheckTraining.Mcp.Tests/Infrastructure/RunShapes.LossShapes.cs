namespace CheckTraining.Mcp.Tests.Infrastructure;

public static partial class RunShapes
{
    /// <summary>
    /// A late loss spike: 50,000 training rows, the loss falling to a plateau of 0.1, then ×9 (0.9) over the last 500
    /// steps; still logging, GPUs busy, app up.
    /// <para>The truth: <c>healthy</c> by liveness but needing attention; the trend is not "falling" (the last value is 9×
    /// the recent minimum), and the verdict line flags the spike.</para>
    /// </summary>
    public static class Spike
    {
        public const string Id = "spike001";
        public const string AppId = "ap-SpikeAppAAAAAAAAAAAAA";
        public const int Rows = 50_000;
        public const int SpikeRows = 500;

        private static DateTimeOffset Created(DateTimeOffset now) => now.AddHours(-7);

        public static (string, string, string, int, DateTimeOffset, DateTimeOffset?)[] Apps(DateTimeOffset now) =>
            [(AppId, AppName, "ephemeral (detached)", 1, Created(now).AddMinutes(-2), null)];

        public static FakeRun Run(DateTimeOffset now)
        {
            var created = Created(now);
            var span = (now.AddMinutes(-1) - created).TotalSeconds;
            var history = new List<Dictionary<string, object?>>(Rows);
            for (var i = 0; i < Rows; i++)
            {
                var runtime = span * (i + 1) / Rows;
                var loss = i >= Rows - SpikeRows ? 0.9 : Math.Max(0.1, 1.0 / (1 + (i / 500.0)));
                history.Add(new()
                {
                    ["_step"] = i, ["_runtime"] = runtime, ["_timestamp"] = Unix(created.AddSeconds(runtime)),
                    ["epoch"] = 1.0, ["batch/step"] = (double)i, ["batch/pct"] = 100.0 * i / Rows, ["batch/loss"] = loss,
                });
            }

            return new FakeRun
            {
                Id = Id, DisplayName = "late-spike", State = "running", CreatedAt = created, HeartbeatAt = now.AddSeconds(-30),
                Config = new() { ["epochs"] = 1 },
                Summary = new()
                {
                    ["_step"] = (double)(Rows - 1), ["_runtime"] = span, ["_timestamp"] = Unix(now.AddMinutes(-1)),
                    ["epoch"] = 1.0, ["batch/step"] = (double)(Rows - 1), ["batch/pct"] = 99.9, ["batch/loss"] = 0.9,
                },
                History = history,
                Events = GpuSamples(created, now, 0, 1, (_, _) => 96).ToList(),
                Gpu = "NVIDIA H100 80GB HBM3", GpuCount = 1,
            };
        }
    }

    /// <summary>
    /// A diverged run: the batch loss went NaN at 40 % of its 1,200 rows and stays NaN; still running, GPUs at 95 %.
    /// <para>The truth: <c>diverged</c>; the trend never says "falling" (the finite part fell, the run did not), and
    /// progress shows the batch loss as NaN, not "—".</para>
    /// </summary>
    public static class Diverged
    {
        public const string Id = "nanshape";
        public const string AppId = "ap-NanShapeAppAAAAAAAAAA";

        private static DateTimeOffset Created(DateTimeOffset now) => now.AddHours(-4);

        public static (string, string, string, int, DateTimeOffset, DateTimeOffset?)[] Apps(DateTimeOffset now) =>
            [(AppId, AppName, "ephemeral (detached)", 1, Created(now).AddMinutes(-2), null)];

        public static FakeRun Run(DateTimeOffset now) =>
            DiagnosisFixtures.Run(Id, "nan-shape", "running", Created(now), now, lastLogAgo: 1, heartbeatAgo: 0.5, gpu: _ => 95, nanAfter: 0.4);
    }
}
