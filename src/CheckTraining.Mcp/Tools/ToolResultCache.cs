using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CheckTraining.Mcp.Caching;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using CacheScope = CheckTraining.Mcp.Caching.CacheScope; // not the SDK's ModelContextProtocol.Protocol.CacheScope

namespace CheckTraining.Mcp.Tools;

/// <summary>
/// Reuses a read-only tool's built result (structured content, text, image) for the read cache's TTL, beside the raw
/// reads and through the same cache, so a repeat skips parsing and rendering too, and a burst of identical calls builds
/// one result. Applies to every tool whose catalogue entry says readOnlyHint (pull_checkpoint writes, so it never is).
/// Failures are never cached, nor a result carrying a failed section; the result's "as of" is its reads' own time.
/// </summary>
internal static class ToolResultCache
{
    private static readonly JsonTypeInfo<CallToolResult> ResultType =
        (JsonTypeInfo<CallToolResult>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult));

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var name = context.Params?.Name;
            var services = context.Services;
            // A wait is not a read to share: each watch_run caller has its own progress, timeout and cancellation.
            if (name is null || name == WatchRunTool.Name || services is null || !Catalogue.TryGetTool(name, out var tool) || tool.Annotations?.ReadOnlyHint != true
                || CallersKey(services) is not { } apiKey)
            {
                return await next(context, cancellationToken); // no usable key: the tool names the fix, and nothing is worth keeping
            }

            var key = services.GetRequiredService<CacheScope>().ToolResult(name, CanonicalArguments(context.Params!.Arguments), apiKey);
            var built = false;
            try
            {
                var read = await services.GetRequiredService<IReadCache>().GetOrReadAsync(key, async ct =>
                {
                    built = true;
                    var result = await next(context, ct);
                    return IsComplete(result) ? JsonSerializer.Serialize(result, ResultType) : throw new NotCached(result);
                }, cancellationToken, localOnly: HoldsConsoleText.Contains(name));
                if (!built)
                {
                    CallMarks.MarkCached(); // another call built it, now or within the TTL
                }

                return JsonSerializer.Deserialize(read.Body, ResultType)!;
            }
            catch (NotCached notCached)
            {
                return notCached.Result;
            }
        };

    /// <summary>
    /// Results that may quote the console (a crash's error line, log tails) stay in this process, never in the shared
    /// Redis, as the raw console answers do: redaction is a best effort, and Redis is readable by every replica's operator.
    /// </summary>
    private static readonly HashSet<string> HoldsConsoleText = ["check_training", "get_run_logs"];

    /// <summary>Whose reads this call makes: the caller's own key (wandb-key mode), else the server's; null when none is usable.</summary>
    private static string? CallersKey(IServiceProvider services)
    {
        var calls = services.GetRequiredService<IWandbCallContext>();
        if (calls.PerCallerKeys)
        {
            return calls.Current?.ApiKey; // the audit, outside this filter, opened the caller's scope
        }

        return services.GetRequiredService<WandbApiKeyProvider>() is { HasUsableKey: true } keys ? keys.GetRequiredKey() : null;
    }

    /// <summary>Arguments in key order with their JSON text, so the same call always gives the same key.</summary>
    private static string CanonicalArguments(IDictionary<string, JsonElement>? arguments)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in (arguments ?? new Dictionary<string, JsonElement>()).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            sb.Append(name).Append('\x1f').Append(value.GetRawText()).Append('\x1e');
        }

        return sb.ToString();
    }

    /// <summary>An error, or a report with a failed section (a non-null top-level "...Error"), is answered but not kept.</summary>
    private static bool IsComplete(CallToolResult result) =>
        result.IsError != true
        && !(result.StructuredContent is { ValueKind: JsonValueKind.Object } structured
             && structured.EnumerateObject().Any(p => p.Name.EndsWith("Error", StringComparison.Ordinal) && p.Value.ValueKind != JsonValueKind.Null));

    /// <summary>Carries a result that must not be cached out of the cache's factory (which caches only what it returns).</summary>
    private sealed class NotCached(CallToolResult result) : Exception("not cached")
    {
        public CallToolResult Result { get; } = result;
    }
}
