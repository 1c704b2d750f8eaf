namespace CheckTraining.Mcp;

/// <summary>
/// What the audit line says of a tool call that its result does not: served from the result cache (or joined another
/// caller's flight), or refused for an argument. The audit opens one per call; code below it marks it, wherever it runs.
/// </summary>
public sealed class CallMarks
{
    private static readonly AsyncLocal<CallMarks?> Ambient = new();

    public bool Cached { get; private set; }

    public bool InvalidArgument { get; private set; }

    public static CallMarks Begin() => Ambient.Value = new CallMarks();

    public static void End() => Ambient.Value = null;

    public static void MarkCached()
    {
        if (Ambient.Value is { } marks)
        {
            marks.Cached = true;
        }
    }

    public static void MarkInvalidArgument()
    {
        if (Ambient.Value is { } marks)
        {
            marks.InvalidArgument = true;
        }
    }
}
