using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Tests.Metrics;

/// <summary>Remaining and projected time per progress shape: the rule, remaining = work left × time per unit of work.</summary>
public sealed class WallTimeEstimatorTable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

    private static ValidationTable Passes(string by, params (double Epoch, double Hours, long Step)[] passes) =>
        new(passes.Select(p => new ValidationEpoch(p.Epoch, p.Step, p.Hours, null, 1, by == ValidationAxis.Step ? p.Step : null)).ToList(), [], false, false, by);

    private static RunProgress Progress(double? epoch = null, double? total = null, double? pct = null, double? step = null, double? stepsTotal = null) =>
        new(epoch, total, null, null, pct, null, step, stepsTotal);

    public static TheoryData<string, ValidationTable, RunProgress, double?, string, double?, double?> Rows => new()
    {
        // shape, passes, progress, runtime h, state, remaining h, projected h
        {
            "whole epochs: 2 of 5 done at 2 h each, epoch 3 at 50 %",
            Passes(ValidationAxis.Epoch, (1, 2, 100), (2, 4, 200)), Progress(3, 5, 50), 5, "running", 5, 10
        },
        {
            "resumed: 2 epochs validated in 10 h of run time, the crash's lost work redone counts as remaining",
            Passes(ValidationAxis.Epoch, (1, 5, 100), (2, 10, 200)), Progress(2, 4, 10), 12, "running", 10, 22
        },
        {
            "by step: 4000 of 10000 in 2 h",
            Passes(ValidationAxis.Step, (1, 1, 2000), (2, 2, 4000)), Progress(step: 4000, stepsTotal: 10000), 2, "running", 3, 5
        },
        {
            "by step with no total: no ETA",
            Passes(ValidationAxis.Step, (1, 1, 2000), (2, 2, 4000)), Progress(step: 4000), 2, "running", null, null
        },
        {
            "HF float epoch: 1.25 of 3 in 2.5 h",
            Passes(ValidationAxis.EpochValue, (0.5, 1, 200), (1, 2, 400), (1.25, 2.5, 500)), Progress(1.25, 3), 2.5, "running", 3.5, 6
        },
        {
            "finished: nothing remains, the projection is what it took",
            Passes(ValidationAxis.Epoch, (1, 2, 100), (2, 4, 200)), Progress(2, 2), 4.2, "finished", 0, 4.2
        },
        {
            "crashed: no remaining time is claimed; the projection keeps what was spent plus the work left",
            Passes(ValidationAxis.Epoch, (1, 2, 100)), Progress(2, 5, 30), 3, "crashed", null, 10.4
        },
        {
            "the last epoch just validated: nothing remains, and the rounded projection is not below the 4.985 h spent",
            Passes(ValidationAxis.Epoch, (1, 2.49, 100), (2, 4.98, 200)), Progress(2, 2, 100), 4.985, "running", 0, 4.99
        },
        {
            "crashed after planned work shorter than it ran: the projection is still what was spent",
            Passes(ValidationAxis.Epoch, (1, 1, 100), (2, 2, 200)), Progress(2, 2, 100), 6, "crashed", null, 6
        },
        {
            "no pass yet: no ETA",
            Passes(ValidationAxis.Epoch), Progress(1, 5, 40), 1, "running", null, null
        },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Remaining_is_the_work_left_times_the_time_it_takes(string shape, ValidationTable passes, RunProgress progress, double? runtime,
        string state, double? remaining, double? projected)
    {
        var w = WallTimeEstimator.Estimate(passes, progress, runtime, WandbRunStates.Parse(state), Now);
        Assert.True(Near(remaining, w.RemainingHours), $"{shape}: remaining {w.RemainingHours}, expected {remaining}");
        Assert.True(Near(projected, w.ProjectedTotalHours), $"{shape}: projected {w.ProjectedTotalHours}, expected {projected}");
        Assert.Equal(state == "running" && remaining is not null, w.EstimatedCompletion is not null);
        if (w.ProjectedTotalHours is { } p && runtime is { } r)
        {
            Assert.True(p >= r, $"{shape}: projected {p} h below the {r} h spent");
        }
    }

    private static bool Near(double? expected, double? actual) =>
        expected is null ? actual is null : actual is { } a && Math.Abs(a - expected.Value) <= Math.Max(0.05, expected.Value * 0.02);
}
