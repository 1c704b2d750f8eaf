namespace CheckTraining.Mcp.Metrics;

/// <summary>
/// Training progress in epochs for a step: epoch segment i runs from the first step logged with its epoch value to the
/// first step of the next one, so x = i + the fraction of the way through. The current epoch ends at its batch
/// percentage. A float epoch (Hugging Face Trainer's 0.01, 0.02, …) is its own x, interpolated between the logged
/// points, with boundaries at whole numbers. Without any epoch logged, x is the step itself.
/// </summary>
internal sealed class ProgressAxis
{
    private readonly List<long> _starts;
    private readonly long _lastStep;
    private readonly double _lastFraction;
    private readonly IReadOnlyList<(long Step, double Epoch)>? _values;

    private ProgressAxis(List<long> starts, long lastStep, double lastFraction, IReadOnlyList<(long Step, double Epoch)>? values = null)
    {
        _starts = starts;
        _lastStep = lastStep;
        _lastFraction = lastFraction;
        _values = values;
    }

    public bool InEpochs => _values is not null || _starts.Count > 0;

    /// <summary>x of each epoch start after the first: where one epoch ends and the next begins.</summary>
    public IReadOnlyList<double> Boundaries => _values is { } v
        ? Enumerable.Range(1, (int)Math.Floor(v.Max(p => p.Epoch) + 1e-9)).Select(i => (double)i).ToList()
        : Enumerable.Range(1, Math.Max(0, _starts.Count - 1)).Select(i => (double)i).ToList();

    /// <param name="epochs">Known (step, epoch) points, ascending by step.</param>
    /// <param name="lastStep">The last step logged.</param>
    /// <param name="currentEpochPercent">How far the current epoch is (batch/pct), when known.</param>
    public static ProgressAxis From(IReadOnlyList<(long Step, double Epoch)> epochs, long lastStep, double? currentEpochPercent)
    {
        if (EpochValues.AreFractional(epochs))
        {
            return new ProgressAxis([], lastStep, 1, epochs);
        }

        var starts = new List<long>();
        double? previous = null;
        foreach (var (step, epoch) in epochs)
        {
            if (previous is null || epoch > previous)
            {
                starts.Add(step); // a resumed run that repeats an epoch stays in that epoch's segment
                previous = epoch;
            }
        }

        var fraction = currentEpochPercent is > 0 and <= 100 ? currentEpochPercent.Value / 100 : 1;
        return new ProgressAxis(starts, Math.Max(lastStep, starts.LastOrDefault()), fraction);
    }

    public double X(long step)
    {
        if (_values is { } v)
        {
            return Interpolate(v, step);
        }

        if (_starts.Count == 0)
        {
            return step;
        }

        var i = _starts.FindLastIndex(s => s <= step);
        if (i < 0)
        {
            return 0;
        }

        if (i + 1 < _starts.Count)
        {
            return i + (double)(step - _starts[i]) / Math.Max(1, _starts[i + 1] - _starts[i]);
        }

        return i + (double)(step - _starts[i]) / Math.Max(1, _lastStep - _starts[i]) * _lastFraction;
    }

    /// <summary>The epoch value at a step: linear between the logged points, held beyond them.</summary>
    private static double Interpolate(IReadOnlyList<(long Step, double Epoch)> points, long step)
    {
        if (step <= points[0].Step)
        {
            return points[0].Epoch;
        }

        for (var i = 1; i < points.Count; i++)
        {
            if (step <= points[i].Step)
            {
                var (a, b) = (points[i - 1], points[i]);
                return a.Epoch + ((b.Epoch - a.Epoch) * (step - a.Step) / Math.Max(1, b.Step - a.Step));
            }
        }

        return points[^1].Epoch;
    }
}
