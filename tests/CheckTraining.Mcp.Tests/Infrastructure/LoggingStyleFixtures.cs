using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Runs in a second project, each logging validation in another common style. Expected values live beside the rows
/// that produce them, so tests compare against the fixture, not against the server's own arithmetic.
/// </summary>
public static class LoggingStyleFixtures
{
    public const string Project = "logging-styles";
    public const string SplitFinishedId = "split003";
    public const string SplitRunningId = "split002";
    public const string ResumedId = "resum001";
    public const string CrashedId = "crash001";
    public const string DivergedId = "nan00001";

    /// <summary>The diverged run's loss is finite for its first rows, then NaN.</summary>
    public const int DivergedFiniteRows = 300;
    public const int SplitFinishedRowsPerEpoch = 10_000;

    /// <summary>Per epoch: change accuracy, position MAE, validation loss.</summary>
    public static readonly (double Acc, double Mae, double Loss)[] SplitFinishedValues = [(0.70, 0.60, 0.25), (0.74, 0.56, 0.22), (0.78, 0.52, 0.19)];

    /// <summary>The resumed run's passes as they stand: epoch 1, and epoch 2's second (resumed) validation.</summary>
    public static readonly (double Epoch, double Acc, double Mae, double Loss)[] ResumedExpected = [(1, 0.71, 0.58, 0.24), (2, 0.76, 0.54, 0.21)];

    public static string Url(string baseUrl, string id) => $"{baseUrl}/{WandbFixtures.Entity}/{Project}/runs/{id}";

    public static void AddTo(FakeWandbData data, DateTimeOffset now)
    {
        var runs = data.Project(WandbFixtures.Entity, Project);
        runs.Add(SplitFinished(now));
        runs.Add(SplitRunning(now));
        runs.Add(Resumed(now));
        runs.Add(Diverged(now));
        runs.Add(new FakeRun
        {
            Id = CrashedId, DisplayName = "crashed-run", State = "crashed",
            // created two minutes after the fake Modal's stopped app (now - 30 h), so that app is its own
            CreatedAt = now.AddHours(-30).AddMinutes(2), HeartbeatAt = now.AddHours(-26),
            Config = new JsonObject { ["epochs"] = 3 },
            Summary = new() { ["_runtime"] = 4 * 3600.0, ["_timestamp"] = now.AddHours(-26).ToUnixTimeSeconds() + 0.0, ["epoch"] = 2.0 },
        });
    }

    /// <summary>Finished, 3 epochs, 30,000 training rows (so W&amp;B samples the loss and epoch series), split validation, 2× H100.</summary>
    private static FakeRun SplitFinished(DateTimeOffset now)
    {
        var log = new HistoryWriter(now.AddHours(-8), hoursPerRow: 6.0 / (3 * SplitFinishedRowsPerEpoch));
        for (var e = 1; e <= 3; e++)
        {
            log.Train(e, SplitFinishedRowsPerEpoch, loss: i => 0.6 / (1 + (((e - 1) * SplitFinishedRowsPerEpoch) + i) / 3000.0));
            var (acc, mae, loss) = SplitFinishedValues[e - 1];
            log.SplitValidation(e, acc, mae, loss);
        }

        return new FakeRun
        {
            Id = SplitFinishedId, DisplayName = "split-3ep", State = "finished", CreatedAt = now.AddHours(-8), HeartbeatAt = now.AddHours(-2),
            Gpu = "NVIDIA H100 80GB HBM3", GpuCount = 2,
            Config = new JsonObject { ["epochs"] = 3, ["batch_size"] = 2048 },
            Summary = log.Summary(new() { ["epoch"] = 3.0, ["batch/step"] = SplitFinishedRowsPerEpoch - 1.0, ["batch/pct"] = 100.0 }),
            History = log.Rows,
        };
    }

    /// <summary>In its second epoch; epoch 1 was validated in three calls (the seed's own numbers: 75.9% / 0.549 / 0.231).</summary>
    private static FakeRun SplitRunning(DateTimeOffset now)
    {
        var log = new HistoryWriter(now.AddHours(-3).AddMinutes(-1), hoursPerRow: 3.0 / 2700);
        log.Train(1, 2000, loss: i => 0.5 - i / 10000.0);
        log.SplitValidation(1, 0.759, 0.549, 0.231);
        log.Train(2, 700, loss: i => 0.3 - i / 10000.0);
        return new FakeRun
        {
            Id = SplitRunningId, DisplayName = "split-2nd-epoch", State = "running", CreatedAt = now.AddHours(-3).AddMinutes(-1), HeartbeatAt = now.AddSeconds(-30),
            Config = new JsonObject { ["epochs"] = 3 },
            Summary = log.Summary(new() { ["epoch"] = 2.0, ["batch/step"] = 699.0, ["batch/pct"] = 35.0 }),
            History = log.Rows,
        };
    }

    /// <summary>
    /// Crashed in epoch 1 before validating, resumed (batch/step restarts), validated epoch 1, crashed after validating
    /// epoch 2, resumed again and re-validated epoch 2 (different numbers), and now trains epoch 3.
    /// </summary>
    private static FakeRun Resumed(DateTimeOffset now)
    {
        var log = new HistoryWriter(now.AddHours(-10), hoursPerRow: 8.0 / 5000);
        log.Train(1, 400, loss: i => 0.6);
        log.Train(1, 1000, loss: i => 0.5 - i / 10000.0);
        log.SplitValidation(1, 0.71, 0.58, 0.24);
        log.Train(2, 1000, loss: i => 0.4 - i / 10000.0);
        log.SplitValidation(2, 0.75, 0.55, 0.22);
        log.Train(2, 1000, loss: i => 0.4 - i / 10000.0);
        log.SplitValidation(2, 0.76, 0.54, 0.21);
        log.Train(3, 600, loss: i => 0.3);
        return new FakeRun
        {
            Id = ResumedId, DisplayName = "resumed-run", State = "running", CreatedAt = now.AddHours(-10), HeartbeatAt = now.AddSeconds(-40),
            Config = new JsonObject { ["epochs"] = 3 },
            Summary = log.Summary(new() { ["epoch"] = 3.0, ["batch/step"] = 599.0, ["batch/pct"] = 60.0 }),
            History = log.Rows,
        };
    }

    /// <summary>Validated epoch 1, then the loss went NaN halfway through epoch 2 (and stayed NaN): still running.</summary>
    private static FakeRun Diverged(DateTimeOffset now)
    {
        var log = new HistoryWriter(now.AddHours(-2), hoursPerRow: 2.0 / 500);
        log.Train(1, 200, loss: i => 0.5 - i / 1000.0);
        log.SplitValidation(1, 0.70, 0.58, 0.24);
        log.Train(2, 300, loss: i => i < DivergedFiniteRows - 200 ? 0.3 : double.NaN);
        return new FakeRun
        {
            Id = DivergedId, DisplayName = "diverged-run", State = "running", CreatedAt = now.AddHours(-2), HeartbeatAt = now.AddSeconds(-20),
            Config = new JsonObject { ["epochs"] = 3 },
            Summary = log.Summary(new() { ["epoch"] = 2.0, ["batch/step"] = 299.0, ["batch/pct"] = 99.0 }),
            History = log.Rows,
        };
    }

    /// <summary>Appends rows the way a training script's wandb.log() calls would, one _step per call.</summary>
    private sealed class HistoryWriter(DateTimeOffset start, double hoursPerRow)
    {
        public List<Dictionary<string, object?>> Rows { get; } = [];

        private double Runtime => Rows.Count * hoursPerRow * 3600;

        public void Train(int epoch, int rows, Func<int, double> loss)
        {
            for (var i = 0; i < rows; i++)
            {
                Add(new() { ["epoch"] = (double)epoch, ["batch/step"] = (double)i, ["batch/pct"] = 100.0 * i / rows, ["batch/loss"] = loss(i) });
            }
        }

        /// <summary>Three calls: headline metrics with the epoch, then the loss, then the per-category accuracies.</summary>
        public void SplitValidation(int epoch, double acc, double mae, double loss)
        {
            Add(new() { ["epoch"] = (double)epoch, ["val_metric/action_change_acc"] = acc, ["val_metric/position_mae"] = mae });
            Add(new() { ["val_loss/total"] = loss });
            Add(new() { ["val_action/cat_movement"] = 0.9, ["val_action/cat_jump"] = 0.97 });
        }

        public Dictionary<string, object?> Summary(Dictionary<string, object?> extra)
        {
            var last = Rows.Where(r => r.ContainsKey("val_loss/total")).LastOrDefault();
            var summary = new Dictionary<string, object?>
            {
                ["_runtime"] = Runtime, ["_timestamp"] = start.AddSeconds(Runtime).ToUnixTimeMilliseconds() / 1000.0,
                ["batch/loss"] = Rows.Last(r => r.ContainsKey("batch/loss"))["batch/loss"],
                ["val_loss/total"] = last?["val_loss/total"], ["val_action/cat_movement"] = 0.9, ["val_action/cat_jump"] = 0.97,
            };
            foreach (var (k, v) in extra)
            {
                summary[k] = v;
            }

            return summary;
        }

        private void Add(Dictionary<string, object?> row)
        {
            row["_step"] = Rows.Count;
            row["_runtime"] = Runtime;
            row["_timestamp"] = start.AddSeconds(Runtime).ToUnixTimeMilliseconds() / 1000.0;
            Rows.Add(row);
        }
    }
}
