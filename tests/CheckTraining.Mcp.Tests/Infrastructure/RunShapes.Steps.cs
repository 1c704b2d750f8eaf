using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Tests.Infrastructure;

public static partial class RunShapes
{
    /// <summary>
    /// Runs that validate every N steps and log no <c>epoch</c> (keys <c>train/loss</c>, <c>val/loss</c>,
    /// <c>trainer/global_step</c>). Each <c>wandb.log()</c> call takes its own <c>_step</c>, so <c>_step</c> counts log
    /// calls, not trainer steps. They are older than every other shape, with their baseline just before them, so no
    /// other shape's default baseline changes.
    /// <para><see cref="WithTotal"/>: running, a train row every 50 steps, <c>val/loss</c> = 1/(1 + step/1000) every 500
    /// steps; at step 4000 of <c>max_steps</c> 10000 after 2 h of run time (0.5 h per 1000 steps). The truth:
    /// <c>healthy</c>; 8 validation passes, by step, the last at step 4000; remaining (10000 − 4000) × 0.5 h / 1000 =
    /// 3 h; projected total 5 h.</para>
    /// <para><see cref="WithoutTotal"/>: the same run with no total steps in its config. The truth: <c>healthy</c>;
    /// 8 passes by step; no ETA ("no ETA: the config names no total steps").</para>
    /// <para><see cref="Baseline"/>: finished, validating every 250 steps (so its 8th pass is at step 2000, not 4000),
    /// <c>val/loss</c> 0.05 above the run's at every step. The truth: the runs compared at equal steps: at step 4000
    /// 0.2 vs 0.25 (−0.05, better); compared by pass number it would be 0.2 vs 0.383.</para>
    /// </summary>
    public static class Steps
    {
        public const string WithTotal = "steps010";
        public const string WithoutTotal = "steps020";
        public const string Baseline = "steps000";
        public const string WithTotalAppId = "ap-StepsTotalAppAAAAAAAAA";
        public const string WithoutTotalAppId = "ap-StepsNoTotalAppAAAAAAA";
        public const string BaselineAppId = "ap-StepsBaselineAppAAAAAA";
        public const int Passes = 8;
        public const long LastPassStep = 4000;
        public const double MaxSteps = 10_000;
        public const double RuntimeHours = 2;
        public const double RemainingHours = 3;
        public const double RunLossAtLastPass = 0.2;
        public const double BaselineLossAtLastPass = 0.25;

        public static DateTimeOffset Created(DateTimeOffset now, string id) => id switch
        {
            Baseline => now.AddDays(-4).AddHours(-12),
            WithTotal => now.AddDays(-4),
            _ => now.AddDays(-4).AddHours(1),
        };

        public static (string, string, string, int, DateTimeOffset, DateTimeOffset?)[] Apps(DateTimeOffset now) =>
        [
            (BaselineAppId, AppName, "stopped", 0, Created(now, Baseline).AddMinutes(-2), Created(now, Baseline).AddHours(5)),
            (WithTotalAppId, AppName, "ephemeral (detached)", 1, Created(now, WithTotal).AddMinutes(-2), null),
            (WithoutTotalAppId, AppName, "ephemeral (detached)", 1, Created(now, WithoutTotal).AddMinutes(-2), null),
        ];

        public static IEnumerable<FakeRun> Runs(DateTimeOffset now) =>
        [
            ByStep(Baseline, "steps-baseline", "finished", Created(now, Baseline), Created(now, Baseline).AddHours(5), lastStep: 10_000,
                validateEvery: 250, offset: 0.05, new JsonObject { ["max_steps"] = 10_000, ["lr"] = 3e-4 }, now),
            ByStep(WithTotal, "steps-with-total", "running", Created(now, WithTotal), now.AddMinutes(-1), lastStep: LastPassStep,
                validateEvery: 500, offset: 0, new JsonObject { ["max_steps"] = MaxSteps, ["lr"] = 1e-4 }, now),
            ByStep(WithoutTotal, "steps-no-total", "running", Created(now, WithoutTotal), now.AddMinutes(-1), lastStep: LastPassStep,
                validateEvery: 500, offset: 0, new JsonObject { ["lr"] = 1e-4 }, now),
        ];

        /// <summary>Validation loss at a trainer step: 1/(1 + step/1000), plus the run's offset.</summary>
        public static double ValLoss(long step, double offset) => Math.Round((1 / (1 + (step / 1000.0))) + offset, 6);

        private static FakeRun ByStep(string id, string name, string state, DateTimeOffset created, DateTimeOffset lastLog, long lastStep,
            int validateEvery, double offset, JsonObject config, DateTimeOffset now)
        {
            const double HoursPerStep = RuntimeHours / LastPassStep;
            var history = new List<Dictionary<string, object?>>();
            DateTimeOffset At(long step) => lastLog.AddHours(-(lastStep - step) * HoursPerStep);
            for (long step = 50; step <= lastStep; step += 50)
            {
                history.Add(new()
                {
                    ["_step"] = history.Count, ["_runtime"] = step * HoursPerStep * 3600, ["_timestamp"] = Unix(At(step)),
                    ["trainer/global_step"] = step, ["train/loss"] = Math.Round(1.2 / (1 + (step / 800.0)), 6),
                });
                if (step % validateEvery == 0)
                {
                    history.Add(new()
                    {
                        ["_step"] = history.Count, ["_runtime"] = step * HoursPerStep * 3600, ["_timestamp"] = Unix(At(step)),
                        ["trainer/global_step"] = step, ["val/loss"] = ValLoss(step, offset),
                    });
                }
            }

            var runtime = lastStep * HoursPerStep * 3600;
            return new FakeRun
            {
                Id = id, DisplayName = name, State = state, CreatedAt = created,
                HeartbeatAt = state == "running" ? now.AddSeconds(-30) : lastLog,
                Config = config,
                Summary = new()
                {
                    ["_step"] = (double)(history.Count - 1), ["_runtime"] = runtime, ["_timestamp"] = Unix(lastLog),
                    ["_wandb"] = new Dictionary<string, object?> { ["runtime"] = (long)runtime },
                    ["trainer/global_step"] = (double)lastStep, ["train/loss"] = Math.Round(1.2 / (1 + (lastStep / 800.0)), 6),
                    ["val/loss"] = ValLoss(lastStep, offset),
                },
                History = history,
                Events = GpuSamples(lastLog.AddMinutes(-30), state == "running" ? now : lastLog, runtime - 1800, 1, (_, _) => 94).ToList(),
                Gpu = "NVIDIA H100 80GB HBM3", GpuCount = 1,
            };
        }
    }

    /// <summary>
    /// A Hugging Face Trainer run (WandbCallback): keys <c>train/loss</c>, <c>train/learning_rate</c>,
    /// <c>train/grad_norm</c>, <c>train/epoch</c>, <c>train/global_step</c> and <c>eval/*</c>; <c>train/epoch</c> is a
    /// float on every row (step / 400, 2 decimals), a train row every 4 steps, evaluation every 100 steps (epoch 0.25,
    /// 0.5, …); <c>num_train_epochs</c> 3, <c>max_steps</c> −1 (HF's "none"); 2 h of run time per epoch.
    /// <para>The truth: <c>healthy</c>; at step 500, epoch 1.25, after 2.5 h: 5 passes labelled epoch 0.25, 0.5, 0.75,
    /// 1, 1.25; 1 epoch complete; remaining (3 − 1.25) × 2 h = 3.5 h; projected total 6 h; plot_run's epoch boundary at
    /// 1 (not a boundary per logged epoch value).</para>
    /// </summary>
    public static class HfTrainer
    {
        public const string Id = "hftrain1";
        public const string AppId = "ap-HfTrainerAppAAAAAAAAAA";
        public const int StepsPerEpoch = 400;
        public const int LastStep = 500;
        public const double Epochs = 3;
        public const double EpochHours = 2;
        public const double CurrentEpoch = 1.25;
        public const double RuntimeHours = 2.5;
        public const double RemainingHours = 3.5;
        public const double EpochsComplete = 1;
        public static readonly double[] PassEpochs = [0.25, 0.5, 0.75, 1, 1.25];

        public static DateTimeOffset Created(DateTimeOffset now) => now.AddDays(-4).AddHours(2);

        public static (string, string, string, int, DateTimeOffset, DateTimeOffset?)[] Apps(DateTimeOffset now) =>
            [(AppId, AppName, "ephemeral (detached)", 1, Created(now).AddMinutes(-2), null)];

        public static FakeRun Run(DateTimeOffset now)
        {
            var lastLog = now.AddMinutes(-1);
            const double HoursPerStep = EpochHours / StepsPerEpoch;
            var history = new List<Dictionary<string, object?>>();
            Dictionary<string, object?> Row(int step) => new()
            {
                ["_step"] = history.Count, ["_runtime"] = step * HoursPerStep * 3600, ["_timestamp"] = Unix(lastLog.AddHours(-(LastStep - step) * HoursPerStep)),
                ["train/global_step"] = step, ["train/epoch"] = Math.Round((double)step / StepsPerEpoch, 2),
            };
            for (var step = 4; step <= LastStep; step += 4)
            {
                var train = Row(step);
                train["train/loss"] = Math.Round(2.0 / (1 + (step / 200.0)), 6);
                train["train/learning_rate"] = 5e-5 * (1 - (step / 1200.0));
                train["train/grad_norm"] = 1.1;
                history.Add(train);
                if (step % 100 == 0)
                {
                    var eval = Row(step);
                    eval["eval/loss"] = Math.Round(1.8 / (1 + (step / 250.0)), 6);
                    eval["eval/runtime"] = 12.5;
                    eval["eval/samples_per_second"] = 80.0;
                    eval["eval/steps_per_second"] = 10.0;
                    history.Add(eval);
                }
            }

            return new FakeRun
            {
                Id = Id, DisplayName = "hf-trainer-float-epoch", State = "running", CreatedAt = Created(now), HeartbeatAt = now.AddSeconds(-30),
                Config = new JsonObject { ["num_train_epochs"] = Epochs, ["max_steps"] = -1, ["learning_rate"] = 5e-5, ["per_device_train_batch_size"] = 16 },
                Summary = new()
                {
                    ["_step"] = (double)(history.Count - 1), ["_runtime"] = RuntimeHours * 3600, ["_timestamp"] = Unix(lastLog),
                    ["_wandb"] = new Dictionary<string, object?> { ["runtime"] = (long)(RuntimeHours * 3600) },
                    ["train/global_step"] = (double)LastStep, ["train/epoch"] = CurrentEpoch, ["train/loss"] = Math.Round(2.0 / (1 + (LastStep / 200.0)), 6),
                    ["eval/loss"] = Math.Round(1.8 / (1 + (LastStep / 250.0)), 6),
                },
                History = history,
                Events = GpuSamples(now.AddMinutes(-30), now, (RuntimeHours * 3600) - 1800, 1, (_, _) => 93).ToList(),
                Gpu = "NVIDIA A100-SXM4-80GB", GpuCount = 1,
            };
        }
    }
}
