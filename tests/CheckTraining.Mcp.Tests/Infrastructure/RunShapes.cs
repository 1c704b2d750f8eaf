namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Run shapes that real projects produce (../reference: wandb-core's resume, Modal's shared apps), each a named run with
/// its truth written beside it. Every shape's Modal apps sit in one app list (<see cref="Apps"/>), as in a real
/// workspace, so a matcher must pick the right one among them. Times are relative to the fixture's now.
/// </summary>
public static partial class RunShapes
{
    public const string AppName = "melee-train";

    /// <summary>Each shape's name and the run that shows it (for the before-and-after table).</summary>
    public static readonly (string Shape, string RunId)[] Table =
    [
        ("resumed", Resumed.Id),
        ("sweep trial crashed, siblings live", Sweep.CrashedId),
        ("sweep trial live", Sweep.HealthyId),
        ("8 GPUs, 2 idle", Stragglers.Id),
        ("two runs, one name", Namesakes.Name),
        ("late loss spike", Spike.Id),
        ("diverged (NaN)", Diverged.Id),
        ("validation by step, total steps in config", Steps.WithTotal),
        ("validation by step, no total steps", Steps.WithoutTotal),
        ("HF Trainer, float epoch", HfTrainer.Id),
    ];

    /// <summary>Every shape's runs.</summary>
    public static void AddTo(FakeWandbData data, DateTimeOffset now)
    {
        var runs = data.Project(WandbFixtures.Entity, WandbFixtures.Project);
        runs.Add(Resumed.Run(now));
        runs.AddRange(Sweep.Runs(now));
        runs.Add(Stragglers.Run(now));
        runs.AddRange(Namesakes.Runs(now));
        runs.Add(Spike.Run(now));
        runs.Add(Diverged.Run(now));
        runs.AddRange(Steps.Runs(now));
        runs.Add(HfTrainer.Run(now));
    }

    /// <summary>Every shape's apps, in one <c>modal app list</c>.</summary>
    public static (string Id, string Name, string State, int Tasks, DateTimeOffset Created, DateTimeOffset? Stopped)[] Apps(DateTimeOffset now) =>
        [.. Resumed.Apps(now), .. Sweep.Apps(now), .. Stragglers.Apps(now), .. Namesakes.Apps(now), .. Spike.Apps(now), .. Diverged.Apps(now),
            .. Steps.Apps(now), .. HfTrainer.Apps(now)];

    /// <summary>A 1-second-resolution unix time as W&amp;B writes it.</summary>
    internal static double Unix(DateTimeOffset t) => t.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>System-metrics rows every minute over [from, to], <paramref name="gpus"/> GPUs at the utilisation given per GPU.</summary>
    internal static IEnumerable<Dictionary<string, object?>> GpuSamples(DateTimeOffset from, DateTimeOffset to, double runtimeAtFrom, int gpus,
        Func<int, DateTimeOffset, double> utilisation)
    {
        for (var t = from; t <= to; t = t.AddMinutes(1))
        {
            var row = new Dictionary<string, object?> { ["_timestamp"] = Unix(t), ["_runtime"] = runtimeAtFrom + (t - from).TotalSeconds };
            for (var g = 0; g < gpus; g++)
            {
                row[$"system.gpu.{g}.gpu"] = utilisation(g, t);
                row[$"system.gpu.{g}.memoryAllocated"] = 70.0;
            }

            yield return row;
        }
    }

    /// <summary>A copy of <paramref name="run"/> in a group and sweep, or with other system metrics (FakeRun's properties are init-only).</summary>
    internal static FakeRun Copy(FakeRun run, string? group = null, string? sweep = null, List<Dictionary<string, object?>>? events = null,
        string? displayName = null, int? gpuCount = null) => new()
    {
        Id = run.Id, DisplayName = displayName ?? run.DisplayName, State = run.State, CreatedAt = run.CreatedAt, HeartbeatAt = run.HeartbeatAt,
        Config = run.Config, Summary = run.Summary, History = run.History, Gpu = run.Gpu, GpuCount = gpuCount ?? run.GpuCount, Console = run.Console,
        Events = events ?? run.Events, Group = group ?? run.Group, Sweep = sweep ?? run.Sweep,
    };
}
