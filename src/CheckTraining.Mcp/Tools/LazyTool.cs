using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

/// <summary>
/// A tool that answers tools/list from the committed catalogue and builds the SDK's real tool on its first call.
/// Building a tool derives its JSON schemas by reflection, which under Native AOT was about a third of start-up;
/// the catalogue test proves the committed listing equals what the SDK derives.
/// </summary>
internal sealed class LazyTool(Tool listed, Func<McpServerTool> build) : McpServerTool
{
    private readonly Lazy<McpServerTool> _inner = new(build);

    public override Tool ProtocolTool => listed;

    public override IReadOnlyList<object> Metadata => _inner.Value.Metadata;

    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
        _inner.Value.InvokeAsync(request, cancellationToken);
}
