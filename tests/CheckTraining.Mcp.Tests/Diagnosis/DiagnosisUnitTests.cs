using System.Text.Json.Nodes;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Redaction;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Tests.Diagnosis;

/// <summary>The pieces behind "why", alone: error finding, redaction, GPU findings, durations, the baseline filter.</summary>
public sealed class DiagnosisUnitTests
{
    private static IReadOnlyList<(long?, string)> Lines(params string[] lines) => lines.Select((l, i) => ((long?)i, l)).ToList();

    [Fact]
    public void The_last_traceback_wins_and_its_unindented_exception_line_is_the_error()
    {
        var error = ConsoleErrorFinder.Find(Lines(
            "Traceback (most recent call last):", "  File \"a.py\", line 1", "KeyError: 'x'",
            "During handling of the above exception, another exception occurred:",
            "Traceback (most recent call last):", "  File \"b.py\", line 2, in f", "    raise ValueError(\"bad batch\")", "ValueError: bad batch", "wandb: Run crashed"));
        Assert.Equal("ValueError: bad batch", error!.Text);
        Assert.Equal(7, error.Line);
        Assert.Equal("exception", error.Kind);
    }

    [Theory]
    [InlineData("RuntimeError: NCCL error in: ProcessGroupNCCL.cpp:1970, unhandled system error", "nccl")]
    [InlineData("[rank1]:[E ProcessGroupNCCL.cpp:616] Watchdog caught collective operation timeout: WorkNCCL(SeqNum=1)", "nccl")]
    [InlineData("Killed", "killed")]
    [InlineData("Fatal Python error: Segmentation fault", "segmentation-fault")]
    [InlineData("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 20.00 MiB", "cuda-out-of-memory")]
    public void Without_a_traceback_a_known_fatal_line_is_named(string line, string kind)
    {
        var error = ConsoleErrorFinder.Find(Lines("step 10 loss 0.5", line, "wandb: Syncing run"));
        Assert.Equal(kind, error!.Kind);
        Assert.EndsWith(error.Text, line); // a torchrun rank prefix is read past
        Assert.False(error.Text.StartsWith("[rank", StringComparison.Ordinal));
    }

    [Fact]
    public void Torchrun_rank_prefixes_are_read_past_and_a_headless_exception_still_counts()
    {
        var error = ConsoleErrorFinder.Find(Lines("[rank0]: Traceback (most recent call last):", "[rank0]:   File \"t.py\", line 3", "[rank0]: ValueError: shapes differ"));
        Assert.Equal("ValueError: shapes differ", error!.Text);
        // The header fell above the tail that was read: the last unindented exception line is still the error.
        Assert.Equal("RuntimeError: NaN in loss", ConsoleErrorFinder.Find(Lines("    x = f(y)", "RuntimeError: NaN in loss", "wandb: Run crashed"))!.Text);
    }

    [Fact]
    public void A_clean_console_has_no_error()
    {
        Assert.Null(ConsoleErrorFinder.Find(Lines("epoch 1", "val_loss 0.2", "KeyboardInterrupt handler installed")));
    }

    [Fact]
    public void Secrets_are_redacted_and_counted_but_ordinary_text_is_left_alone()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Wandb:ApiKey"] = "my-configured-key-1234" }).Build();
        var keys = new WandbApiKeyProvider(configuration, Options.Create(new WandbOptions()), new NoWandbCallContext());
        var redactor = new SecretRedactor(keys);

        var (text, count) = redactor.Redact(
            "key my-configured-key-1234; AWS_SECRET_ACCESS_KEY=abc/def; {'HF_TOKEN': 'hf_x1'}; db password=hunter2; wandb_v1_AbCdEfGhIjKlMnOp; " +
            "as-AbCdEfGhIjKl0123; token 0123456789abcdef0123456789abcdef01234567; commit 0123456789abcdef0123456789abcdef01234567");
        Assert.Equal(
            "key [redacted]; AWS_SECRET_ACCESS_KEY=[redacted]; {'HF_TOKEN': '[redacted]'}; db password=[redacted]; [redacted]; [redacted]; token [redacted]; commit 0123456789abcdef0123456789abcdef01234567",
            text);
        Assert.Equal(7, count);
        Assert.Equal(("epoch 3 loss=0.123 lr=3e-4 batch_size=4096 num_tokens=4096 tokens/s 812", 0),
            redactor.Redact("epoch 3 loss=0.123 lr=3e-4 batch_size=4096 num_tokens=4096 tokens/s 812"));
    }

    [Theory]
    [InlineData("token=abc123 apikey=xyz", "token=[redacted] apikey=[redacted]")]
    [InlineData("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.payload.sig", "Authorization: Bearer [redacted]")]
    [InlineData("MY_SECRET=\"two words\" next", "MY_SECRET=\"[redacted]\" next")]
    [InlineData("python train.py --api-key k-123456 --lr 3e-4", "python train.py --api-key [redacted] --lr 3e-4")]
    public void More_secret_shapes_are_redacted(string line, string expected)
    {
        var keys = new WandbApiKeyProvider(new ConfigurationBuilder().Build(), Options.Create(new WandbOptions()), new NoWandbCallContext());
        Assert.Equal(expected, new SecretRedactor(keys).Redact(line).Text);
    }

    [Fact]
    public void A_key_across_the_line_cut_is_redacted_whole_and_a_cut_never_splits_a_character()
    {
        var keys = new WandbApiKeyProvider(new ConfigurationBuilder().Build(), Options.Create(new WandbOptions()), new NoWandbCallContext());
        var redactor = new SecretRedactor(keys);
        var key = "0123456789abcdef0123456789abcdef01234567";
        var longLine = new string('x', 4080) + " " + key + " tail";
        var emoji = new string('y', 4095) + "😀 more";
        var tail = ConsoleTailBuilder.Build("W&B console", 2, [new(1, null, "stdout", longLine), new(2, null, "stdout", emoji)], null, redactor, []);

        Assert.DoesNotContain("0123456789abcdef", tail.Lines[0].Text); // no fragment survives the cut
        Assert.True(tail.LinesCut);
        Assert.False(char.IsHighSurrogate(tail.Lines[1].Text[4094])); // cut before the pair, not through it
        Assert.Equal(tail.Lines[1].Text, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(tail.Lines[1].Text)));
    }

    [Fact]
    public void A_run_still_diverged_reports_where_its_final_non_finite_stretch_began()
    {
        var now = DateTimeOffset.UtcNow;
        LossPoint P(long step, double v) => new(step, v, 1, now.AddMinutes(step - 100));
        List<LossPoint> loss = [P(10, 0.5), P(20, double.NaN), P(30, 0.4), P(40, 0.3), P(50, double.NaN), P(60, double.NaN)];
        var d = DivergenceFinder.Find(loss, sampled: false, lastIsNonFinite: true, "batch/loss", now)!;
        Assert.Equal(50, d.Step); // not the early blip at 20, which recovered
        Assert.True(d.AtLastLog);
        Assert.Equal(50, d.MinutesAgo);
        // Recovered since: the first non-finite point, and not "at the last log".
        var recovered = DivergenceFinder.Find(loss.Take(4).ToList(), sampled: false, lastIsNonFinite: false, "batch/loss", now)!;
        Assert.Equal(20, recovered.Step);
        Assert.False(recovered.AtLastLog);
        Assert.Null(DivergenceFinder.Find([P(1, 0.5)], false, false, "batch/loss", now));
    }

    [Fact]
    public void GPU_findings_come_from_the_windows_ending_at_the_last_sample()
    {
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, 240).Select(i => Row(now.AddMinutes(-60 + (i * 0.25)), util: i < 199 ? 90 : 3, memory: 97.5)).ToList();
        var usage = GpuUsageCalculator.From(rows, "A100", running: true, logsFresh: false, now, new DiagnosisOptions())!;
        Assert.True(usage.Idle);
        Assert.True(usage.MemoryHigh);
        Assert.Equal(3.0, usage.RecentUtilization);
        Assert.Equal(90.0, usage.EarlierUtilization);

        // Not running: never "idle"; fresh logs at 30 %: under-used (possibly input-bound).
        Assert.False(GpuUsageCalculator.From(rows, "A100", running: false, logsFresh: true, now, new DiagnosisOptions())!.Idle);
        var slow = Enumerable.Range(0, 240).Select(i => Row(now.AddMinutes(-60 + (i * 0.25)), util: 30, memory: 40)).ToList();
        Assert.True(GpuUsageCalculator.From(slow, "A100", running: true, logsFresh: true, now, new DiagnosisOptions())!.UnderUsed);
        // A CPU run: no GPU keys at all.
        Assert.Null(GpuUsageCalculator.From([new JsonObject { ["_timestamp"] = now.ToUnixTimeSeconds(), ["system.cpu"] = 50 }], null, true, true, now, new DiagnosisOptions()));
    }

    [Theory]
    [InlineData(40, "40 min")]
    [InlineData(89.6, "90 min")]
    [InlineData(1560, "26 h")]
    [InlineData(150, "2.5 h")]
    [InlineData(4320, "3 days")]
    public void Durations_past_90_minutes_are_hours_and_past_two_days_days(double minutes, string expected) =>
        Assert.Equal(expected, Durations.Of(minutes));

    [Fact]
    public void The_default_baseline_filter_matches_the_config_keys_and_leaves_out_missing_ones()
    {
        var run = new WandbRun("r1", "run", "running", DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null, null, null,
            new JsonObject { ["model"] = new JsonObject { ["arch"] = "mamba2" } }, [], HistoryKeys.Parse([]));
        var filter = BaselineFilter.Previous(run, ["model.arch", "data.version"], out var unmatched);
        Assert.Equal("""{"$and":[{"config.model.arch":"mamba2"},{"state":"finished"},{"createdAt":{"$lt":"2026-12-01T10:00:00.000Z"}},{"name":{"$ne":"r1"}}]}""",
            filter.ToJsonString());
        Assert.Equal(["data.version"], unmatched);
    }

    private static JsonObject Row(DateTimeOffset at, double util, double memory) => new()
    {
        ["_timestamp"] = at.ToUnixTimeMilliseconds() / 1000.0,
        ["system.gpu.0.gpu"] = util, ["system.gpu.0.memoryAllocated"] = memory,
        ["system.gpu.1.gpu"] = util, ["system.gpu.1.memoryAllocated"] = memory,
    };
}
