namespace CheckTraining.Mcp.Tools;

/// <summary>
/// Hints that name tools. They live here, in the tool layer, so services and renderers never hard-code a tool name:
/// a failure's kind (set where it was thrown) says which next call helps.
/// </summary>
internal static class ToolHints
{
    /// <summary>The failure's message plus the call that helps, if any.</summary>
    public static string Explain(SectionFailure failure) => failure.Kind switch
    {
        "RunNotFound" => $"{failure.Message} Call {RecentRunsTool.Name} to see recent run ids and names.",
        _ => failure.Message,
    };

    /// <summary>The failure with its hint, for reports that carry failures as sections.</summary>
    public static SectionFailure? Hinted(SectionFailure? failure) => failure is null ? null : failure with { Message = Explain(failure) };
}
