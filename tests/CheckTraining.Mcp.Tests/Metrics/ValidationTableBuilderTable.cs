using System.Text.Json.Nodes;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Rendering;
using static CheckTraining.Mcp.Tests.Metrics.LoggedHistory;

namespace CheckTraining.Mcp.Tests.Metrics;

/// <summary>
/// The validation table per logging shape, from the log calls a run makes: what each pass is labelled and placed by,
/// which pass stands when an epoch repeats, how many epochs are complete, and each metric's mark against its target.
/// </summary>
public sealed class ValidationTableBuilderTable
{
    private static readonly MetricProfileOptions Profile = new()
    {
        Validation =
        [
            new() { Key = "val/acc", Label = "Acc", Target = 0.8, Goal = "above" },
            new() { Key = "val/loss", Label = "Loss", Target = 0.5, Goal = "below" },
        ],
    };

    /// <summary>
    /// What the table must say. <c>Values</c> and <c>Latest</c> are the first metric's; <c>Marks</c> lists every metric
    /// with its ✓/✗ as the report renders it; <c>Note</c> is the one note expected (none when null).
    /// </summary>
    public sealed record Expect(string By, double[] Epochs, long[] AtSteps, double?[] Values, double? Latest, string Marks, double? Complete,
        string? Note = null, string[]? NonFinite = null);

    public static TheoryData<string, JsonObject[], Expect> Rows => new()
    {
        {
            // Two whole epochs, each validated once: labelled 1 and 2, both complete; 0.85 is past the 0.8 target.
            "whole epochs",
            [Train(50, 1), Val(100, 1, 0.7), Train(150, 2), Val(200, 2, 0.85)],
            new(ValidationAxis.Epoch, [1, 2], [100, 200], [0.7, 0.85], 0.85, "val/acc ✓", 2)
        },
        {
            // Accuracy past its target, loss still above its own, an extra val* key with no target: ✓, ✗ and no mark.
            "targets passed and failed",
            [Train(50, 1), Val(100, 1, 0.7, loss: 0.9), Train(150, 2), Val(200, 2, 0.82, loss: 0.6, f1: 0.5)],
            new(ValidationAxis.Epoch, [1, 2], [100, 200], [0.7, 0.82], 0.82, "val/acc ✓, val/loss ✗, val/f1", 2)
        },
        {
            // The latest pass decides the mark, not the best: 0.85 then 0.75 is ✗.
            "target met, then lost",
            [Train(50, 1), Val(100, 1, 0.85), Train(150, 2), Val(200, 2, 0.75)],
            new(ValidationAxis.Epoch, [1, 2], [100, 200], [0.85, 0.75], 0.75, "val/acc ✗", 2)
        },
        {
            // HF Trainer: train/epoch moves in quarters, eval every half epoch, at train/global_step. Each pass keeps its
            // value (0.5, 1, 1.5) and its trainer step; one epoch is complete (1.75 has passed 1, not 2).
            "Hugging Face float epochs",
            [
                Hf(0, 0.25, 50, loss: 2.0), Hf(1, 0.5, 100, loss: 1.5), Hf(2, 0.5, 100, eval: 0.9), Hf(3, 0.75, 150, loss: 1.2),
                Hf(4, 1.0, 200, loss: 1.0), Hf(5, 1.0, 200, eval: 0.7), Hf(6, 1.25, 250, loss: 0.9), Hf(7, 1.5, 300, loss: 0.8),
                Hf(8, 1.5, 300, eval: 0.6), Hf(9, 1.75, 350, loss: 0.7),
            ],
            new(ValidationAxis.EpochValue, [0.5, 1, 1.5], [100, 200, 300], [0.9, 0.7, 0.6], 0.6, "eval/loss", 1)
        },
        {
            // No epoch key at all: passes are by step, numbered 1, 2 in order, with no epoch count.
            "by step, no epoch key",
            [Train(499, null), Val(500, null, 0.4), Train(999, null), Val(1000, null, 0.6)],
            new(ValidationAxis.Step, [1, 2], [500, 1000], [0.4, 0.6], 0.6, "val/acc ✗", null)
        },
        {
            // The trainer counts its own steps (trainer/global_step): a pass is placed at it, not at W&B's _step (2, 5).
            "by step, at the trainer's step",
            [
                Call(0, new() { ["batch/loss"] = 1.0, ["trainer/global_step"] = 250 }), Call(1, new() { ["batch/loss"] = 0.9, ["trainer/global_step"] = 500 }),
                Call(2, new() { ["val/acc"] = 0.4, ["trainer/global_step"] = 500 }), Call(3, new() { ["batch/loss"] = 0.8, ["trainer/global_step"] = 750 }),
                Call(4, new() { ["batch/loss"] = 0.7, ["trainer/global_step"] = 1000 }), Call(5, new() { ["val/acc"] = 0.9, ["trainer/global_step"] = 1000 }),
            ],
            new(ValidationAxis.Step, [1, 2], [500, 1000], [0.4, 0.9], 0.9, "val/acc ✓", null)
        },
        {
            // Crashed in epoch 3 and resumed from epoch 1's checkpoint: _step goes on, epoch 2 is trained and validated
            // again. The redone pass (step 320, 0.7) replaces the first (step 200, 0.6); three epochs complete, not four.
            "resumed, an epoch redone",
            [
                Train(50, 1), Val(100, 1, 0.5), Train(150, 2), Val(200, 2, 0.6), Train(230, 3),
                Train(260, 2), Val(320, 2, 0.7), Train(400, 3), Val(420, 3, 0.82),
            ],
            new(ValidationAxis.Epoch, [1, 2, 3], [100, 320, 420], [0.5, 0.7, 0.82], 0.82, "val/acc ✓", 3,
                Note: "Epoch 2 was validated more than once (a resumed run?); the latest pass is shown.")
        },
        {
            // A NaN accuracy is null in the table and listed by key and step; the latest finite value (0.85) stands.
            "non-finite value",
            [Train(50, 1), Val(100, 1, 0.85), Train(150, 2), Val(200, 2, double.NaN)],
            new(ValidationAxis.Epoch, [1, 2], [100, 200], [0.85, null], 0.85, "val/acc ✓", 2, NonFinite: ["val/acc@200=NaN"])
        },
        {
            // Training only: no metric was logged yet, so there is nothing to show and nothing is complete.
            "no validation yet",
            [Train(50, 1), Train(150, 1)],
            new(ValidationAxis.Epoch, [], [], [], null, "", 0)
        },
        {
            // No history at all (a run that has just started).
            "empty history",
            [],
            new(ValidationAxis.Epoch, [], [], [], null, "", 0)
        },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_logging_shape_gets_its_table(string shape, JsonObject[] calls, Expect expect)
    {
        var (plan, history) = Read(Profile, calls);
        var nonFinite = new NonFiniteValues();
        var notes = new List<string>();
        var table = ValidationTableBuilder.Build(plan, history, plan.Profile, nonFinite, notes);

        Assert.True(expect.By == table.PassesBy, $"{shape}: passes by {table.PassesBy}");
        Assert.Equal(expect.By, ValidationTableBuilder.PassesBy(history));
        Assert.True(expect.Epochs.SequenceEqual(table.Epochs.Select(e => e.Epoch)), $"{shape}: epochs {string.Join(", ", table.Epochs.Select(e => e.Epoch))}");
        Assert.True(expect.AtSteps.SequenceEqual(table.Epochs.Select(e => e.AtStep)), $"{shape}: steps {string.Join(", ", table.Epochs.Select(e => e.AtStep))}");
        Assert.True(expect.Complete == table.EpochsComplete, $"{shape}: {table.EpochsComplete} epochs complete");
        var first = table.Metrics.Count > 0 ? table.Metrics[0] : null;
        Assert.Equal(expect.Values, first?.Values ?? []);
        Assert.Equal(expect.Latest, first?.Latest);
        Assert.Equal(expect.Marks, string.Join(", ", table.Metrics.Select(m => m.Key + Format.Mark(m.MeetsTarget))));
        Assert.Equal(expect.NonFinite ?? [], nonFinite.Keys);
        Assert.Equal(expect.Note is null ? [] : [expect.Note], notes);
        Assert.False(table.EpochNumbersInferred, shape); // every shape here logs its epoch with its pass, or none at all
    }

    /// <summary>A training call: the batch loss, with the epoch when the run logs one.</summary>
    private static JsonObject Train(long step, double? epoch)
    {
        var call = new JsonObject { ["batch/loss"] = 1.0 };
        if (epoch is { } e)
        {
            call["epoch"] = e;
        }

        return Call(step, call);
    }

    /// <summary>A validation pass in one call: accuracy (maybe non-finite), with the epoch and other metrics when given.</summary>
    private static JsonObject Val(long step, double? epoch, double acc, double? loss = null, double? f1 = null)
    {
        var call = new JsonObject { ["val/acc"] = Number(acc) };
        if (epoch is { } e)
        {
            call["epoch"] = e;
        }

        if (loss is { } l)
        {
            call["val/loss"] = l;
        }

        if (f1 is { } f)
        {
            call["val/f1"] = f;
        }

        return Call(step, call);
    }

    /// <summary>A Hugging Face Trainer call (WandbCallback): train/epoch and train/global_step on every one, a train/loss or an eval/loss.</summary>
    private static JsonObject Hf(long step, double epoch, long globalStep, double? loss = null, double? eval = null)
    {
        var call = new JsonObject { ["train/epoch"] = epoch, ["train/global_step"] = globalStep };
        if (loss is { } l)
        {
            call["train/loss"] = l;
        }

        if (eval is { } v)
        {
            call["eval/loss"] = v;
        }

        return Call(step, call);
    }
}
