using System.Text.Json.Nodes;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Runs that need a "why": hung (alive, silent, GPUs idle), busy (silent, GPUs at 97 %), crashed with a traceback and a
/// printed API key, diverged (NaN loss while running), one whose console never reached W&amp;B, and a finished baseline.
/// Each run was created <see cref="RunAgeHours"/> ago; tests give each its own Modal app created 2 minutes before it.
/// </summary>
public static class DiagnosisFixtures
{
    public const string HungId = "hung0001";
    public const string HealthyId = "healthy1";
    public const string SilentGpuId = "silentg1";
    public const string BusyId = "busy0001";
    public const string CrashedId = "crash001";
    public const string NanId = "nan00001";
    public const string QuietId = "quiet001";
    public const string BaselineId = "base0001";
    public const string OtherArchBaselineId = "base0002";
    public const double RunAgeHours = 3;
    public const string OomLine = "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.50 GiB. GPU 0 has a total capacity of 79.15 GiB";
    public const string LeakedToken = "0123456789abcdef0123456789abcdef01234567";

    public static void AddTo(FakeWandbData data, DateTimeOffset now)
    {
        var runs = data.Project(WandbFixtures.Entity, WandbFixtures.Project);
        var created = now.AddHours(-RunAgeHours);
        runs.Add(Run(HungId, "hung-run", "running", created, now, lastLogAgo: 40, heartbeatAgo: 1, gpu: m => m > 40 ? 96 : 0));
        runs.Add(Run(HealthyId, "healthy-run", "running", created, now, lastLogAgo: 1, heartbeatAgo: 1, gpu: _ => 96));
        runs.Add(Run(SilentGpuId, "silent-gpu-run", "running", created, now, lastLogAgo: 40, heartbeatAgo: 1, gpu: _ => 97, eventsUntilAgo: 120));
        runs.Add(Run(BusyId, "busy-run", "running", created, now, lastLogAgo: 40, heartbeatAgo: 1, gpu: _ => 97));
        runs.Add(Run(NanId, "nan-run", "running", created, now, lastLogAgo: 1, heartbeatAgo: 1, gpu: _ => 95, nanAfter: 0.4));
        runs.Add(Run(CrashedId, "crashed-run", "crashed", created, now, lastLogAgo: 100, heartbeatAgo: 99, gpu: _ => 90, memoryAtEnd: 98.5,
            console:
            [
                (false, "epoch 1 starting"),
                (false, "WANDB_API_KEY=" + FakeWandbServer.ApiKey),
                (false, "HF_TOKEN=hf_abcdefghijklmnop MODAL_TOKEN_ID=ak-AbCdEfGhIjKlMnOp12"),
                (false, "debug token " + LeakedToken),
                (true, "Traceback (most recent call last):"),
                (true, "  File \"train.py\", line 212, in <module>"),
                (true, "    loss.backward()"),
                (true, OomLine),
            ]));
        runs.Add(Run(QuietId, "quiet-run", "crashed", created, now, lastLogAgo: 100, heartbeatAgo: 99, gpu: _ => 90, console: null));
        runs.Add(Run(BaselineId, "baseline-run", "finished", now.AddHours(-30), now, lastLogAgo: 26 * 60, heartbeatAgo: 26 * 60, gpu: _ => 90,
            valBonus: -0.02, epochs: 3));
        runs.Add(Run(OtherArchBaselineId, "other-arch", "finished", now.AddHours(-20), now, lastLogAgo: 16 * 60, heartbeatAgo: 16 * 60, gpu: _ => 90,
            arch: "transformer", epochs: 3));
    }

    /// <summary>
    /// A run that logged 1,200 training rows (two epochs, validation at each end) over its life until
    /// <paramref name="lastLogAgo"/> minutes before now, with 2 GPUs sampled every 15 s until its heartbeat. Its last row
    /// ends its last planned epoch, so the truth for a running one is "Epoch 2/2, 100 %, 2 epochs validated, ETA 0"
    /// (it is finishing); the batch counter restarts each epoch and its percentage follows it.
    /// </summary>
    public static FakeRun Run(string id, string name, string state, DateTimeOffset created, DateTimeOffset now, double lastLogAgo, double heartbeatAgo,
        Func<double, double> gpu, double? nanAfter = null, double? memoryAtEnd = null, List<(bool Stderr, string Line)>? console = null,
        double valBonus = 0, string arch = "mamba2", int epochs = 2, double? eventsUntilAgo = null)
    {
        const int rows = 1200;
        var lastLog = now.AddMinutes(-lastLogAgo);
        var span = (lastLog - created).TotalSeconds;
        var history = new List<Dictionary<string, object?>>();
        for (var i = 0; i < rows; i++)
        {
            var runtime = span * (i + 1) / rows;
            var epoch = 1 + (i * epochs / rows);
            var progress = (double)i / rows;
            var inEpoch = i % (rows / epochs); // the batch counter restarts each epoch, as the seed's trainer logs it
            history.Add(new()
            {
                ["_step"] = history.Count, ["_runtime"] = runtime, ["_timestamp"] = created.AddSeconds(runtime).ToUnixTimeMilliseconds() / 1000.0,
                ["epoch"] = (double)epoch, ["batch/step"] = (double)inEpoch, ["batch/pct"] = 100.0 * (inEpoch + 1) / (rows / epochs),
                ["batch/loss"] = nanAfter is { } n && progress >= n ? double.NaN : 0.5 / (1 + (i / 100.0)) + (valBonus < 0 ? 0.05 : 0),
            });
            if ((i + 1) % (rows / epochs) == 0)
            {
                var e = (i + 1) / (rows / epochs);
                history.Add(new()
                {
                    ["_step"] = history.Count, ["_runtime"] = runtime, ["_timestamp"] = created.AddSeconds(runtime).ToUnixTimeMilliseconds() / 1000.0,
                    ["epoch"] = (double)e, ["val_metric/action_change_acc"] = 0.74 + (0.01 * e) + valBonus, ["val_loss/total"] = 0.25 - (0.01 * e) - valBonus,
                });
            }
        }

        var heartbeat = now.AddMinutes(-heartbeatAgo);
        var events = new List<Dictionary<string, object?>>();
        var sampledUntil = eventsUntilAgo is { } until ? now.AddMinutes(-until) : heartbeat;
        for (var t = created; t <= sampledUntil; t = t.AddSeconds(15))
        {
            var minutesAgo = (now - t).TotalMinutes;
            var memory = memoryAtEnd is { } m && (heartbeat - t).TotalMinutes < 5 ? m : 80.0;
            var row = new Dictionary<string, object?> { ["_timestamp"] = t.ToUnixTimeMilliseconds() / 1000.0, ["_runtime"] = (t - created).TotalSeconds, ["system.cpu"] = 12.0 };
            for (var g = 0; g < 2; g++)
            {
                row[$"system.gpu.{g}.gpu"] = gpu(minutesAgo);
                row[$"system.gpu.{g}.memoryAllocated"] = memory;
                row[$"system.gpu.{g}.powerWatts"] = 300.0;
            }

            events.Add(row);
        }

        var loss = nanAfter is null ? 0.5 / (1 + ((rows - 1) / 100.0)) : double.NaN;
        return new FakeRun
        {
            Id = id, DisplayName = name, State = state, CreatedAt = created, HeartbeatAt = heartbeat,
            Config = new JsonObject
            {
                ["model"] = new JsonObject { ["arch"] = arch, ["d_model"] = valBonus < 0 ? 512 : 768 },
                ["epochs"] = epochs, ["training"] = new JsonObject { ["lr"] = valBonus < 0 ? 0.001 : 0.0003 },
                ["hf_token"] = valBonus < 0 ? "hf_baselineSecret0001" : "hf_runSecret0002", // vars(args) often carries tokens
            },
            Summary = new()
            {
                ["_runtime"] = span, ["_timestamp"] = lastLog.ToUnixTimeMilliseconds() / 1000.0, ["epoch"] = (double)epochs,
                ["batch/step"] = (double)((rows / epochs) - 1), ["batch/pct"] = 100.0, ["batch/loss"] = loss,
            },
            History = history,
            Events = events,
            Gpu = "NVIDIA H100 80GB HBM3", GpuCount = 2,
            Console = console?.Select((c, i) => (lastLog.AddSeconds(i - console.Count), c.Stderr, c.Line)).ToList(),
        };
    }
}

/// <summary>The check-server setting with the diagnosis runs seeded.</summary>
public class DiagnosisServerFixture : CheckServerFixture
{
    protected override void Seed(FakeWandbData data) => DiagnosisFixtures.AddTo(data, Now);

    /// <summary>Gives the run its own live (or stopped) Modal app, created 2 minutes before it.</summary>
    public string GiveAppTo(string runId, bool live = true, double stoppedMinutesAgo = 99)
    {
        var appId = "ap-" + (runId + "AppAAAAAAAAAAAAAAAAAA")[..22];
        var created = Now.AddHours(-DiagnosisFixtures.RunAgeHours).AddMinutes(-2);
        Modal.SetApps((appId, "melee-train", live ? "ephemeral (detached)" : "stopped", live ? 1 : 0, created, live ? null : Now.AddMinutes(-stoppedMinutesAgo)));
        return appId;
    }
}
