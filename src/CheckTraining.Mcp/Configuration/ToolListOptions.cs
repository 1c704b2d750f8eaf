namespace CheckTraining.Mcp.Configuration;

/// <summary>What tools/list advertises, section <c>Tools</c>.</summary>
public sealed class ToolListOptions
{
    public const string Section = "Tools";

    /// <summary>
    /// Advertise each tool's output schema (its structured content's top-level properties). Off by default: a validating
    /// client compiles every listed output schema at start-up (the TypeScript SDK: about 25 ms for ours, on every launch),
    /// and the model never sees them. Every result carries its structured content either way.
    /// Env <c>CHECKTRAINING_Tools__OutputSchemas</c>.
    /// </summary>
    public bool OutputSchemas { get; set; }
}
