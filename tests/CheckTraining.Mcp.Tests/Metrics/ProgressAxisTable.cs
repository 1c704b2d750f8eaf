using CheckTraining.Mcp.Metrics;

namespace CheckTraining.Mcp.Tests.Metrics;

/// <summary>Training progress in epochs for a step, one row per logging shape.</summary>
public sealed class ProgressAxisTable
{
    private static readonly (long, double)[] WholeEpochs = [(0, 1), (100, 1), (1000, 2), (2000, 3)]; // epoch 3 at 50 %: last step 2500
    private static readonly (long, double)[] Resumed = [(0, 1), (1000, 2), (1500, 2), (2000, 3)]; // epoch 2 logged again after a resume
    private static readonly (long, double)[] HfFloat = [(0, 0), (100, 0.25), (400, 1), (500, 1.25)];

    public static TheoryData<string, (long, double)[], long, double?, long, double> Rows => new()
    {
        { "whole epochs: the start of epoch 2", WholeEpochs, 2500, 50, 1000, 1 },
        { "whole epochs: halfway through epoch 1", WholeEpochs, 2500, 50, 500, 0.5 },
        { "whole epochs: the current epoch ends at its batch percentage", WholeEpochs, 2500, 50, 2500, 2.5 },
        { "a resumed run stays in the repeated epoch's segment", Resumed, 3000, null, 1500, 1.5 },
        { "HF float epoch: its own value", HfFloat, 500, null, 100, 0.25 },
        { "HF float epoch: linear between points", HfFloat, 500, null, 250, 0.625 },
        { "HF float epoch: held past the last point", HfFloat, 500, null, 700, 1.25 },
        { "no epoch logged: the step itself", [], 4000, null, 3200, 3200 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void X_is_the_progress_at_a_step(string shape, (long, double)[] epochs, long lastStep, double? percent, long step, double expected)
    {
        var axis = ProgressAxis.From(epochs, lastStep, percent);
        Assert.True(Math.Abs(expected - axis.X(step)) < 1e-9, $"{shape}: expected {expected}, got {axis.X(step)}");
        Assert.Equal(epochs.Length > 0, axis.InEpochs);
    }

    public static TheoryData<string, (long, double)[], double[]> BoundaryRows => new()
    {
        { "whole epochs: one per epoch start after the first", WholeEpochs, [1, 2] },
        { "a resumed run: its repeated epoch adds none", Resumed, [1, 2] },
        { "HF float epoch: whole numbers only, not one per logged value", HfFloat, [1] },
        { "no epoch logged", [], [] },
    };

    [Theory]
    [MemberData(nameof(BoundaryRows))]
    public void Boundaries_fall_where_one_epoch_ends(string shape, (long, double)[] epochs, double[] expected)
    {
        var axis = ProgressAxis.From(epochs, 2500, null);
        Assert.True(expected.SequenceEqual(axis.Boundaries), $"{shape}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", axis.Boundaries)}]");
    }
}
