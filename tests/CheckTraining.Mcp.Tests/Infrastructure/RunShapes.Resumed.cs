using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Tests.Infrastructure;

public static partial class RunShapes
{
    /// <summary>
    /// A run resumed in a new Modal app three days after W&amp;B created it (wandb.init(id=…, resume="allow")).
    /// <para>The story: created 3 days ago in app <see cref="OldAppId"/>, 3 planned epochs of 2 h each. Epochs 1 and 2
    /// validated at run time 2 h and 4 h; it crashed at 5.2 h, 60 % into epoch 3, and the app stopped. 31 minutes ago
    /// it was relaunched (a first attempt, app <see cref="FailedRelaunchAppId"/>, died at once; the second,
    /// <see cref="NewAppId"/>, is live) from the epoch-2 checkpoint, so epoch 3 restarted at batch 0. wandb-core kept
    /// <c>_step</c> and <c>_runtime</c> going; <c>_timestamp</c> jumped.</para>
    /// <para>The truth: running and healthy (last log 1 min ago, heartbeat 30 s ago, 2 GPUs at 95 %); its app is
    /// <see cref="NewAppId"/> (live, created 2 min before the resume), not the stopped one created beside the W&amp;B
    /// run nor the nearer stopped relaunch; resumed ~31 min ago; runtime 5.7 h (W&amp;B's active time, not 3 days);
    /// 2 epochs complete, epoch 3 at 25 %; remaining (3 − 2 − 0.25) × 2 h = 1.5 h (the 1.2 h lost in the crash is
    /// redone, so the 6 h of a naive "3 × 2 h − 5.7 h" is wrong); projected total 5.7 + 1.5 = 7.2 h of run time.</para>
    /// </summary>
    public static class Resumed
    {
        public const string Id = "resume01";
        public const string Name = "mamba2-resumed-shape";
        public const string OldAppId = "ap-ResumeOldAppAAAAAAAAA";
        public const string FailedRelaunchAppId = "ap-ResumeFailedRelaunchA";
        public const string NewAppId = "ap-ResumeNewAppAAAAAAAAA";
        public const double EpochHours = 2;
        public const double CrashRuntimeHours = 5.2;
        public const double RuntimeHours = 5.7;
        public const double RemainingHours = 1.5;
        public const double ResumedMinutesAgo = 31;
        public const int EpochsComplete = 2;

        public static DateTimeOffset Created(DateTimeOffset now) => now.AddDays(-3);

        public static DateTimeOffset ResumedAt(DateTimeOffset now) => now.AddMinutes(-ResumedMinutesAgo);

        public static (string, string, string, int, DateTimeOffset, DateTimeOffset?)[] Apps(DateTimeOffset now) =>
        [
            (OldAppId, AppName, "stopped", 0, Created(now).AddMinutes(-2), Created(now).AddHours(CrashRuntimeHours).AddMinutes(1)),
            (FailedRelaunchAppId, AppName, "stopped", 0, ResumedAt(now).AddMinutes(-1), ResumedAt(now).AddMinutes(-1)),
            (NewAppId, AppName, "ephemeral (detached)", 1, ResumedAt(now).AddMinutes(-3), null),
        ];

        public static FakeRun Run(DateTimeOffset now)
        {
            var created = Created(now);
            var resumed = ResumedAt(now);
            var history = new List<Dictionary<string, object?>>();
            void Train(double runtimeHours, DateTimeOffset at, double epoch, double pct) => history.Add(new()
            {
                ["_step"] = history.Count, ["_runtime"] = runtimeHours * 3600, ["_timestamp"] = Unix(at),
                ["epoch"] = epoch, ["batch/step"] = Math.Round(pct * 10), ["batch/pct"] = pct,
                ["batch/loss"] = 0.5 / (1 + (history.Count / 100.0)),
            });
            void Validate(double runtimeHours, DateTimeOffset at, int epoch) => history.Add(new()
            {
                ["_step"] = history.Count, ["_runtime"] = runtimeHours * 3600, ["_timestamp"] = Unix(at),
                ["epoch"] = (double)epoch, ["val_metric/action_change_acc"] = 0.74 + (0.01 * epoch), ["val_loss/total"] = 0.25 - (0.01 * epoch),
            });

            // The first process: a row every 36 s of run time, validation at each epoch's end, a crash at 5.2 h.
            for (var i = 1; i <= CrashRuntimeHours * 100; i++)
            {
                var h = i / 100.0;
                var epoch = Math.Min(3, 1 + Math.Floor(h / EpochHours));
                Train(h, created.AddHours(h), epoch, 100 * (h - ((epoch - 1) * EpochHours)) / EpochHours);
                if (i % (int)(EpochHours * 100) == 0 && h < 3 * EpochHours)
                {
                    Validate(h, created.AddHours(h), (int)(h / EpochHours));
                }
            }

            // The resumed process: run time continues from 5.2 h, the wall clock from 31 min ago; epoch 3 from batch 0.
            for (var i = 1; i <= Math.Round((RuntimeHours - CrashRuntimeHours) * 100); i++)
            {
                var h = i / 100.0;
                Train(CrashRuntimeHours + h, resumed.AddHours(h), 3, 100 * h / EpochHours);
            }

            var lastLog = resumed.AddHours(RuntimeHours - CrashRuntimeHours);
            return new FakeRun
            {
                Id = Id, DisplayName = Name, State = "running", CreatedAt = created, HeartbeatAt = now.AddSeconds(-30),
                Config = new JsonObject
                {
                    ["model"] = new JsonObject { ["arch"] = "mamba2" }, ["epochs"] = 3,
                    // wandb's telemetry: feature list "3" holds 5 (resumed).
                    ["_wandb"] = new JsonObject { ["cli_version"] = "0.28.0", ["t"] = new JsonObject { ["1"] = new JsonArray(1, 55), ["3"] = new JsonArray(2, 5, 13) } },
                },
                Summary = new()
                {
                    ["_step"] = (double)(history.Count - 1), ["_runtime"] = RuntimeHours * 3600, ["_timestamp"] = Unix(lastLog),
                    ["_wandb"] = new Dictionary<string, object?> { ["runtime"] = (long)(RuntimeHours * 3600) },
                    ["epoch"] = 3.0, ["batch/step"] = 250.0, ["batch/pct"] = 25.0, ["batch/loss"] = 0.1,
                },
                History = history,
                Events = [.. GpuSamples(created, created.AddHours(CrashRuntimeHours), 0, 2, (_, _) => 95),
                    .. GpuSamples(resumed, now.AddSeconds(-30), CrashRuntimeHours * 3600, 2, (_, _) => 95)],
                Gpu = "NVIDIA H100 80GB HBM3", GpuCount = 2,
            };
        }
    }
}
