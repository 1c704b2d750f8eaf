using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

/// <summary>
/// A tool listed from the catalogue, whose SDK tool is built on its first call. Building one derives its JSON schemas
/// by reflection, which under Native AOT was about a third of start-up.
/// </summary>
internal sealed class LazyTool(Tool listed, Func<McpServerTool> build) : McpServerTool
{
    private readonly Lazy<McpServerTool> _inner = new(build);

    public override Tool ProtocolTool => listed;

    public override IReadOnlyList<object> Metadata => _inner.Value.Metadata;

    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
        _inner.Value.InvokeAsync(request, cancellationToken);
}

/// <summary>A prompt listed from the catalogue, whose SDK prompt is built on its first use.</summary>
internal sealed class LazyPrompt(Prompt listed, Func<McpServerPrompt> build) : McpServerPrompt
{
    private readonly Lazy<McpServerPrompt> _inner = new(build);

    public override Prompt ProtocolPrompt => listed;

    public override IReadOnlyList<object> Metadata => _inner.Value.Metadata;

    public override ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken = default) =>
        _inner.Value.GetAsync(request, cancellationToken);
}
