using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Watch;

/// <summary>
/// The changes a watched run goes through, as W&amp;B would show them: the seed run (running, epoch 3 of 3, two validated
/// epochs, its Modal app up) crashes with an out-of-memory error, or completes its third epoch's validation.
/// </summary>
internal static class WatchFixtures
{
    /// <summary>The fixture project with a shorter seed history (3,000 rows, the same epochs): a watch's cost is in requests, not rows.</summary>
    public static FakeWandbData Create(DateTimeOffset now)
    {
        var data = WandbFixtures.Create(now);
        FakeWandbServer.Replace(data, Entity, Project, SeedRun(now, rows: 3_000));
        return data;
    }

    public const string OomLine = "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.50 GiB.";

    /// <summary>The seed run crashes at <paramref name="at"/>: W&amp;B says crashed, its heartbeat stops, its console ends with the error.</summary>
    public static void CrashSeedRunAt(FakeWandbServer wandb, DateTimeOffset at) => wandb.ChangeAt(at, data =>
    {
        var run = data.Project(Entity, Project).Single(r => r.Id == SeedRunId);
        FakeWandbServer.Replace(data, Entity, Project, new FakeRun
        {
            Id = run.Id, DisplayName = run.DisplayName, State = "crashed", CreatedAt = run.CreatedAt, HeartbeatAt = at,
            CreatedAtWithoutZone = run.CreatedAtWithoutZone, Config = run.Config, Summary = run.Summary, History = run.History,
            Gpu = run.Gpu, GpuCount = run.GpuCount, Events = run.Events,
            Console = [(at.AddSeconds(-2), true, "Traceback (most recent call last):"), (at.AddSeconds(-1), true, OomLine)],
        });
    });

    /// <summary>The seed run logs epoch 3's validation at <paramref name="at"/> (still running).</summary>
    public static void CompleteSeedEpochAt(FakeWandbServer wandb, DateTimeOffset at) => wandb.ChangeAt(at, data =>
    {
        var run = data.Project(Entity, Project).Single(r => r.Id == SeedRunId);
        var runtime = (double)run.Summary["_runtime"]! + 60;
        var timestamp = at.ToUnixTimeMilliseconds() / 1000.0;
        run.History.Add(new()
        {
            ["_step"] = run.History.Count, ["_runtime"] = runtime, ["_timestamp"] = timestamp, ["epoch"] = 3.0,
            ["val_metric/action_change_acc"] = 0.781, ["val_metric/position_mae"] = 0.52, ["val_loss/total"] = 0.198,
        });
        run.Summary["_step"] = (double)(run.History.Count - 1);
        run.Summary["_runtime"] = runtime;
        run.Summary["_timestamp"] = timestamp;
        run.Summary["val_metric/action_change_acc"] = 0.781;
    });
}
