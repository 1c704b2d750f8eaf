using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Runs shaped like the seed skill's project (shinewave/melee-worldmodel). Times are relative to "now" so staleness
/// verdicts are deterministic. Expected values in tests are computed from these rows, not from the server's output.
/// </summary>
public static class WandbFixtures
{
    public const string Entity = "shinewave";
    public const string Project = "melee-worldmodel";
    public const string SeedRunId = "8za01pdm";
    public const string SeedRunName = "mamba2-22k-ss-resumed";
    public const string OlderSameNameId = "old12345";
    public const string FinishedRunId = "fin00001";
    public const string FinishedRunName = "transformer-10k";
    public const string CustomRunId = "cust0001";
    public const string CustomRunName = "custom-keys";
    public const int SeedHistoryRows = 60_000;

    public static readonly string[] Categories = ["aerial", "attack", "dash", "grab", "jump", "movement", "shield", "special", "taunt", "tech"];

    /// <summary>Epoch end run times (hours) of the seed run's completed epochs.</summary>
    public static readonly double[] SeedEpochEndHours = [1.8, 3.7];

    public static FakeWandbData Create(DateTimeOffset now)
    {
        var data = new FakeWandbData();
        var runs = data.Project(Entity, Project);
        runs.Add(SeedRun(now));
        runs.Add(new FakeRun
        {
            Id = OlderSameNameId, DisplayName = SeedRunName, State = "crashed",
            CreatedAt = now.AddDays(-3), HeartbeatAt = now.AddDays(-2.9),
            Config = new JsonObject { ["epochs"] = 3 },
            Summary = new() { ["_runtime"] = 9000.0, ["_timestamp"] = now.AddDays(-2.9).ToUnixTimeSeconds() + 0.0, ["epoch"] = 1.0 },
        });
        runs.Add(FinishedRun(now));
        runs.Add(CustomRun(now));
        LoggingStyleFixtures.AddTo(data, now);
        return data;
    }

    /// <summary>The seed's run: running, 4.2 h in, epoch 3 of 3 at 26.5 %, two validated epochs, 60,000 history rows.</summary>
    public static FakeRun SeedRun(DateTimeOffset now, int rows = SeedHistoryRows, string id = SeedRunId)
    {
        var runtimeNow = 4.2 * 3600;
        var start = now.AddSeconds(-runtimeNow - 120); // last log two minutes ago
        var history = new List<Dictionary<string, object?>>(rows);
        var valRows = SeedValidationRows();
        var valAt = SeedEpochEndHours.Select(h => h * 3600).ToArray();
        var nextVal = 0;
        for (var i = 0; i < rows; i++)
        {
            var runtime = runtimeNow * (i + 1) / rows;
            if (nextVal < valAt.Length && runtime >= valAt[nextVal])
            {
                var v = valRows[nextVal];
                var row = new Dictionary<string, object?>(v)
                {
                    ["_step"] = history.Count, ["_runtime"] = valAt[nextVal],
                    ["_timestamp"] = start.AddSeconds(valAt[nextVal]).ToUnixTimeMilliseconds() / 1000.0,
                };
                history.Add(row);
                nextVal++;
                continue;
            }

            var epoch = nextVal + 1;
            history.Add(new()
            {
                ["_step"] = history.Count, ["_runtime"] = runtime,
                ["_timestamp"] = start.AddSeconds(runtime).ToUnixTimeMilliseconds() / 1000.0,
                ["epoch"] = (double)epoch, ["batch/step"] = (double)(i % 45312), ["batch/pct"] = 100.0 * (i % 45312) / 45312,
                ["batch/loss"] = 0.5 / (1 + i / 1000.0),
            });
        }

        var summary = new Dictionary<string, object?>
        {
            ["_step"] = (double)(history.Count - 1), ["_runtime"] = runtimeNow, ["_timestamp"] = now.AddSeconds(-120).ToUnixTimeMilliseconds() / 1000.0,
            ["_wandb"] = new Dictionary<string, object?> { ["runtime"] = (long)runtimeNow },
            ["epoch"] = 3.0, ["batch/step"] = 12000.0, ["batch/pct"] = 26.5, ["batch/loss"] = 0.1234,
            ["val_metric/action_change_acc"] = 0.7712, ["val_metric/position_mae"] = 0.5312, ["val_loss/total"] = 0.2051,
            ["val_action/cat_rare"] = double.NaN,
        };
        foreach (var (cat, i) in Categories.Select((c, i) => (c, i)))
        {
            summary["val_action/cat_" + cat] = cat == "movement" ? 0.91 : 0.97 + i * 0.002;
        }

        return new FakeRun
        {
            Id = id, DisplayName = SeedRunName, State = "running", CreatedAt = start, HeartbeatAt = now.AddSeconds(-60),
            CreatedAtWithoutZone = true,
            Config = new JsonObject
            {
                ["model"] = new JsonObject { ["arch"] = "mamba2", ["d_model"] = 768 },
                ["games"] = 22000, ["epochs"] = 3,
                ["training"] = new JsonObject { ["batch_size"] = 4096, ["lr"] = 0.0003 },
                ["_wandb"] = new JsonObject { ["cli_version"] = "0.28.0", ["python_version"] = "3.11" },
            },
            Summary = summary,
            History = history,
        };
    }

    /// <summary>The validation rows of the seed run, in epoch order (epoch is logged with them).</summary>
    public static List<Dictionary<string, object?>> SeedValidationRows() =>
    [
        new() { ["epoch"] = 1.0, ["val_metric/action_change_acc"] = 0.759, ["val_metric/position_mae"] = 0.549, ["val_loss/total"] = 0.231 },
        new() { ["epoch"] = 2.0, ["val_metric/action_change_acc"] = 0.7712, ["val_metric/position_mae"] = 0.5312, ["val_loss/total"] = 0.2051 },
    ];

    private static FakeRun FinishedRun(DateTimeOffset now)
    {
        var start = now.AddHours(-7);
        var history = new List<Dictionary<string, object?>>();
        for (var i = 0; i < 300; i++)
        {
            var runtime = 6.0 * 3600 * (i + 1) / 300;
            var row = new Dictionary<string, object?> { ["_step"] = i, ["_runtime"] = runtime, ["_timestamp"] = start.AddSeconds(runtime).ToUnixTimeSeconds() + 0.0 };
            if (i % 100 == 99)
            {
                row["epoch"] = (i + 1) / 100.0;
                row["val_metric/action_change_acc"] = 0.70 + i / 10000.0;
                row["val_metric/position_mae"] = 0.6 - i / 10000.0;
                row["val_loss/total"] = 0.25 - i / 10000.0;
            }
            else
            {
                row["batch/loss"] = 0.3;
            }

            history.Add(row);
        }

        return new FakeRun
        {
            Id = FinishedRunId, DisplayName = FinishedRunName, State = "finished", CreatedAt = start, HeartbeatAt = now.AddMinutes(-60),
            Config = new JsonObject { ["model"] = new JsonObject { ["arch"] = "transformer" }, ["games"] = 10000, ["epochs"] = 3, ["batch_size"] = 1024 },
            Summary = new()
            {
                ["_runtime"] = 6.0 * 3600, ["_timestamp"] = now.AddMinutes(-60).ToUnixTimeSeconds() + 0.0, ["epoch"] = 3.0,
                ["batch/step"] = 100.0, ["batch/pct"] = 100.0, ["batch/loss"] = 0.3,
                ["val_metric/action_change_acc"] = 0.7299, ["val_metric/position_mae"] = 0.5701, ["val_loss/total"] = 0.2201,
            },
            History = history,
        };
    }

    /// <summary>Logs val/acc and val/loss (not the profile's keys), epoch apart from them, and went silent 30 minutes ago.</summary>
    private static FakeRun CustomRun(DateTimeOffset now)
    {
        var start = now.AddHours(-5);
        var history = new List<Dictionary<string, object?>>();
        for (var i = 0; i < 100; i++)
        {
            var runtime = 4.5 * 3600 * (i + 1) / 100;
            history.Add(new() { ["_step"] = history.Count, ["_runtime"] = runtime, ["_timestamp"] = start.AddSeconds(runtime).ToUnixTimeSeconds() + 0.0, ["epoch"] = i < 50 ? 0.0 : 1.0, ["loss"] = 1.0 });
            if (i == 49 || i == 99)
            {
                history.Add(new() { ["_step"] = history.Count, ["_runtime"] = runtime, ["_timestamp"] = start.AddSeconds(runtime).ToUnixTimeSeconds() + 0.0, ["val/acc"] = i == 49 ? 0.5 : 0.6, ["val/loss"] = i == 49 ? 0.9 : 0.8 });
            }
        }

        return new FakeRun
        {
            Id = CustomRunId, DisplayName = CustomRunName, State = "running", CreatedAt = start, HeartbeatAt = now.AddMinutes(-25),
            Config = new JsonObject { ["lr"] = 0.1 },
            Summary = new() { ["_runtime"] = 4.5 * 3600, ["_timestamp"] = now.AddMinutes(-30).ToUnixTimeSeconds() + 0.0, ["val/acc"] = 0.6, ["loss"] = double.PositiveInfinity },
            History = history,
        };
    }
}
