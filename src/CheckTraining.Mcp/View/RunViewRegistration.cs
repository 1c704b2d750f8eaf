using System.Collections.Concurrent;
using System.Text.Json;
using CheckTraining.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.View;

/// <summary>
/// Serves the run view: resources/list and resources/read for <see cref="RunView.Uri"/>, and check_training's
/// <c>_meta.ui</c> in tools/list for clients that declared the extension, and for requests whose client capabilities are
/// unknown (stateless HTTP forgets a 2025-11-25 client's initialize). Clients that declared capabilities without the
/// extension list exactly the committed catalogue.
/// </summary>
internal static class RunViewRegistration
{
    /// <summary>check_training as listed with the view attached, one copy per listed instance (with or without output schema).</summary>
    private static readonly ConcurrentDictionary<Tool, Tool> WithView = new(ReferenceEqualityComparer.Instance);

    public static IMcpServerBuilder WithRunView(this IMcpServerBuilder builder) => builder
        .WithListResourcesHandler((_, _) => ValueTask.FromResult(new ListResourcesResult { Resources = [Listing()] }))
        .WithReadResourceHandler((context, _) => ValueTask.FromResult(Read(context.Params?.Uri)))
        .WithRequestFilters(filters => filters.AddListToolsFilter(next => async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            if (RunView.AttachFor(context.Server.ClientCapabilities))
            {
                result.Tools = result.Tools.Select(t => t.Name == CheckTrainingTool.Name ? WithView.GetOrAdd(t, Attach) : t).ToList();
            }

            return result;
        }));

    private static Resource Listing() => new()
    {
        Uri = RunView.Uri,
        Name = "check-training-run",
        Title = "Training run (live view)",
        Description = "check_training's verdict, progress, loss curve, validation and GPU use as an interactive view.",
        MimeType = RunView.MimeType,
        Meta = RunView.ResourceMeta(),
    };

    private static ReadResourceResult Read(string? uri) => uri == RunView.Uri
        ? new ReadResourceResult
        {
            Contents = [new TextResourceContents { Uri = RunView.Uri, MimeType = RunView.MimeType, Text = RunView.Html, Meta = RunView.ResourceMeta() }],
        }
        : throw NotFound(uri ?? "");

    /// <summary>-32602 with the asked URI in the error's data, as SEP-2164 has it for an unknown resource.</summary>
    private static McpProtocolException NotFound(string uri)
    {
        var error = new McpProtocolException($"No resource '{EchoedInput.Of(uri)}': this server has one, {RunView.Uri}.", McpErrorCode.InvalidParams);
        error.Data["uri"] = EchoedInput.Of(uri);
        return error;
    }

    /// <summary>A copy of the listed tool (shared with every other client) with the view's <c>_meta</c>.</summary>
    private static Tool Attach(Tool listed)
    {
        var type = McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool));
        var copy = (Tool)JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(listed, type), type)!;
        var meta = copy.Meta ?? [];
        foreach (var (key, value) in RunView.ToolMeta())
        {
            meta[key] = value?.DeepClone();
        }

        copy.Meta = meta;
        return copy;
    }
}
