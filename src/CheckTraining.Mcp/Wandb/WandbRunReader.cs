using System.Text.Json.Nodes;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Wandb;

/// <summary>A run found from a reference, with how it was matched, any other runs sharing its display name, and when it was read.</summary>
public sealed record ResolvedRun(WandbScope Scope, WandbRun Run, string MatchedBy, IReadOnlyList<NamedRun> OtherMatching, DateTimeOffset ReadAt)
{
    public IReadOnlyList<string> OtherMatchingIds => OtherMatching.Select(o => o.Id).ToList();
}

/// <summary>Another run under the same display name, with its state and creation time.</summary>
public sealed record NamedRun(string Id, string State, DateTimeOffset? CreatedAt);

/// <summary>
/// The newest runs; <c>Returned</c> counts what W&amp;B sent before duplicates were dropped. <c>Curves</c> holds each
/// run's sampled rows for the curve spec, by run id.
/// </summary>
public sealed record RecentRunsPage(WandbScope Scope, IReadOnlyList<WandbRun> Runs, int Returned, DateTimeOffset ReadAt,
    IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> Curves);

/// <summary>Reads runs from W&amp;B with a fixed, small number of requests. Knows nothing about MCP.</summary>
public sealed class WandbRunReader(WandbGraphQLClient client, WandbProjectResolver resolver)
{
    /// <summary>Finds one run and reads its state, config, summary and history keys in a single request.</summary>
    /// <param name="reference">The run.</param>
    /// <param name="configKeys">Top-level config keys to read; null reads the whole config.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public Task<ResolvedRun> GetRunAsync(RunReference reference, IEnumerable<string>? configKeys, CancellationToken cancellationToken) =>
        FindAsync(reference, configKeys, details: true, cancellationToken);

    /// <summary>Finds one run and reads only its identity and state (config, summary and history keys stay empty).</summary>
    public Task<ResolvedRun> GetRunIdentityAsync(RunReference reference, CancellationToken cancellationToken) =>
        FindAsync(reference, [], details: false, cancellationToken);

    private async Task<ResolvedRun> FindAsync(RunReference reference, IEnumerable<string>? configKeys, bool details, CancellationToken cancellationToken)
    {
        var scope = await resolver.ResolveAsync(reference.Entity, reference.Project, cancellationToken);
        var byId = reference.Kind != RunReferenceKind.Latest;
        var byFilter = reference.Kind != RunReferenceKind.Id;
        var filters = reference.Kind == RunReferenceKind.IdOrDisplayName
            ? new JsonObject { ["displayName"] = new JsonObject { ["$eq"] = reference.Value } }
            : new JsonObject();
        var variables = new JsonObject
        {
            ["entity"] = scope.Entity,
            ["project"] = scope.Project,
            ["runId"] = reference.Value ?? "",
            ["byId"] = byId,
            ["byFilter"] = byFilter,
            ["filters"] = filters.ToJsonString(),
            ["listOthers"] = reference.Kind == RunReferenceKind.IdOrDisplayName,
            ["details"] = details,
            ["configKeys"] = configKeys is null ? null : ToArray(configKeys),
        };

        var answer = await client.QueryAsync(WandbQueries.Run, variables, cancellationToken);
        var project = ProjectOrThrow(answer.Data, scope);
        if (project["byId"] is JsonObject exact)
        {
            return new ResolvedRun(scope, WandbRun.FromNode(exact), "run id", [], answer.ReadAt);
        }

        var newest = Nodes(project["newest"]).FirstOrDefault();
        if (newest is null)
        {
            throw new WandbException(WandbErrorKind.RunNotFound, reference.Kind == RunReferenceKind.Latest
                ? $"Project {scope} has no runs yet."
                : $"No run named '{EchoedInput.Of(reference.ToString())}' (id or display name) in {scope}.");
        }

        var run = WandbRun.FromNode(newest);
        var others = Nodes(project["others"])
            .Select(n => (Id: JsonValues.AsString(n["name"]), Node: n))
            .Where(o => o.Id is not null && o.Id != run.Id)
            .Select(o => new NamedRun(o.Id!, JsonValues.AsString(o.Node["state"]) ?? "unknown", JsonValues.AsUtcTimestamp(o.Node["createdAt"])))
            .ToList();
        return new ResolvedRun(scope, run, reference.Kind == RunReferenceKind.Latest ? "latest" : "display name", others, answer.ReadAt);
    }

    /// <summary>One request for what <paramref name="request"/> asks: history, system metrics, console tail, a baseline.</summary>
    public async Task<RunDetails> GetRunDetailsAsync(WandbScope scope, string runId, RunDetailsRequest request, CancellationToken cancellationToken)
    {
        var specs = new JsonArray(request.Specs.Select(s => (JsonNode)s.ToJsonString()).ToArray());
        var variables = new JsonObject
        {
            ["entity"] = scope.Entity,
            ["project"] = scope.Project,
            ["runId"] = runId,
            ["withHistory"] = request.Specs.Count > 0,
            ["specs"] = specs,
            ["withEvents"] = request.EventSamples is not null,
            ["eventSamples"] = request.EventSamples,
            ["withLogs"] = request.LogTail is not null,
            ["logTail"] = request.LogTail,
            ["withBaseline"] = request.BaselineFilter is not null,
            ["baselineFilters"] = (request.BaselineFilter ?? []).ToJsonString(),
            ["baselineSpecs"] = new JsonArray((request.BaselineSpecs ?? []).Select(s => (JsonNode)s.ToJsonString()).ToArray()),
            ["withSiblings"] = request.SiblingFilter is not null,
            ["siblingFilters"] = (request.SiblingFilter ?? []).ToJsonString(),
        };
        var answer = await client.QueryAsync(WandbQueries.RunDetails, variables, cancellationToken, localOnly: request.LogTail is not null);
        var project = ProjectOrThrow(answer.Data, scope);
        var run = project["run"] as JsonObject ?? throw new WandbException(WandbErrorKind.RunNotFound,
            $"Run {runId} was not found in {scope} (deleted since it was looked up?).");
        var baseline = Nodes(project["baseline"]).FirstOrDefault();
        return new RunDetails(
            request.Specs.Count > 0 ? Series(run["sampledHistory"]) : null,
            request.EventSamples is not null ? SystemEvents.Read(run["events"], run["eventsTail"]) : null,
            request.LogTail is not null ? ConsoleLog.Read(run["logLines"], run["logLineCount"]) : null,
            baseline is null ? null : new BaselineRun(WandbRun.FromNode(baseline), Series(baseline["sampledHistory"])),
            request.BaselineFilter is not null,
            answer.ReadAt,
            request.SiblingFilter is null ? null : Nodes(project["siblings"]).Select(SiblingFrom).Where(s => s.Id != runId).ToList());
    }

    private static SiblingRun SiblingFrom(JsonObject n) => new(JsonValues.AsString(n["name"]) ?? "?",
        JsonValues.AsString(n["displayName"]) ?? JsonValues.AsString(n["name"]) ?? "?", JsonValues.AsString(n["state"]) ?? "unknown",
        JsonValues.AsUtcTimestamp(n["heartbeatAt"]));

    /// <summary>A sampledHistory answer: one list of rows per spec (JSON-in-JSON, decoded leniently).</summary>
    private static List<IReadOnlyList<JsonObject>> Series(JsonNode? sampledHistory) =>
        (LenientJson.DecodeEmbedded(sampledHistory) as JsonArray ?? [])
            .Select(s => (IReadOnlyList<JsonObject>)((LenientJson.DecodeEmbedded(s) as JsonArray) ?? [])
                .Select(r => LenientJson.DecodeEmbedded(r) as JsonObject)
                .OfType<JsonObject>()
                .ToList())
            .ToList();

    /// <summary>The newest runs in one request, with only the named summary and config keys, and one sampled curve each.</summary>
    public async Task<RecentRunsPage> GetRecentRunsAsync(
        int limit, string? state, IEnumerable<string> summaryKeys, IEnumerable<string> configKeys, JsonObject curveSpec, CancellationToken cancellationToken)
    {
        var scope = await resolver.ResolveAsync(null, null, cancellationToken);
        var filters = state is null ? new JsonObject() : new JsonObject { ["state"] = state };
        var variables = new JsonObject
        {
            ["entity"] = scope.Entity,
            ["project"] = scope.Project,
            ["filters"] = filters.ToJsonString(),
            ["first"] = limit,
            ["summaryKeys"] = ToArray(summaryKeys),
            ["configKeys"] = ToArray(configKeys),
            ["lossSpecs"] = new JsonArray(curveSpec.ToJsonString()),
        };
        var answer = await client.QueryAsync(WandbQueries.RecentRuns, variables, cancellationToken);
        var project = ProjectOrThrow(answer.Data, scope);
        var nodes = Nodes(project["runs"]).ToList();
        var returned = nodes.Select(WandbRun.FromNode).ToList();
        var runs = returned.DistinctBy(r => r.Id).ToList(); // cursor paging has returned duplicates (wandb/wandb#6614)
        var curves = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        foreach (var (node, run) in nodes.Zip(returned))
        {
            curves.TryAdd(run.Id, ((LenientJson.DecodeEmbedded(node["sampledHistory"]) as JsonArray)?.FirstOrDefault() is { } first
                    ? LenientJson.DecodeEmbedded(first) as JsonArray ?? []
                    : [])
                .Select(r => LenientJson.DecodeEmbedded(r) as JsonObject).OfType<JsonObject>().ToList());
        }

        return new RecentRunsPage(scope, runs, returned.Count, answer.ReadAt, curves);
    }

    private static JsonObject ProjectOrThrow(JsonObject data, WandbScope scope) =>
        data["project"] as JsonObject ?? throw new WandbException(WandbErrorKind.NotFound,
            $"W&B project {scope} was not found or is not visible to this API key. Check WANDB_ENTITY and WANDB_PROJECT.");

    private static IEnumerable<JsonObject> Nodes(JsonNode? connection) =>
        (connection?["edges"] as JsonArray ?? []).Select(e => e?["node"]).OfType<JsonObject>();

    private static JsonArray ToArray(IEnumerable<string> values) =>
        new(values.Distinct(StringComparer.Ordinal).Select(v => (JsonNode)v).ToArray());
}
