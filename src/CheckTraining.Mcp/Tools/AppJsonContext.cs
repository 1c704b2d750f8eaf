using System.Text.Json;
using System.Text.Json.Serialization;
using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Check;
using CheckTraining.Mcp.Checkpoints;
using CheckTraining.Mcp.Compare;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Plots;
using ModelContextProtocol;

namespace CheckTraining.Mcp.Tools;

/// <summary>
/// Source-generated JSON metadata for every tool result (Native AOT has no reflection fallback). Results hold only
/// finite numbers, so the advertised output schemas stay plain numbers; services list non-finite values (a NaN loss is
/// a finding) separately. A null property is left out, which is what the lean output schemas promise (LeanSchema).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, // absent, not null: the schemas say optional (LeanSchema)
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(CheckTrainingReport))]
[JsonSerializable(typeof(RunMetricsReport))]
[JsonSerializable(typeof(PlotReport))]
[JsonSerializable(typeof(RecentRunsReport))]
[JsonSerializable(typeof(AppStatusReport))]
[JsonSerializable(typeof(CheckpointReport))]
[JsonSerializable(typeof(RunLogsReport))]
[JsonSerializable(typeof(RunComparison))]
[JsonSerializable(typeof(Watch.WatchRunReport))]
[JsonSerializable(typeof(Watch.WatchUntil))] // a tool argument
[JsonSerializable(typeof(Wandb.WandbRunState?))] // a tool argument: bound and described through these options
internal sealed partial class AppJsonContext : JsonSerializerContext
{
    /// <summary>The SDK's options plus our metadata, for tool registration.</summary>
    // Lazy: a static initializer here would run before the generated Default instance exists.
    public static JsonSerializerOptions ToolOptions => field ??= CreateToolOptions();

    private static JsonSerializerOptions CreateToolOptions()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions);
        options.TypeInfoResolverChain.Insert(0, Default);
        options.MakeReadOnly();
        return options;
    }
}
