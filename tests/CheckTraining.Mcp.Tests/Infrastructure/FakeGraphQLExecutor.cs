using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQLParser.AST;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Executes a (schema-validated) query against <see cref="FakeWandbData"/>: walks the selection set, honouring
/// aliases, fragments and @include/@skip, and answers in W&amp;B's wire formats (JSON-in-JSON strings, bare NaN,
/// zone-less timestamps, float steps).
/// </summary>
internal sealed class FakeGraphQLExecutor(FakeWandbData data, FakeViewer viewer)
{
    private Dictionary<string, GraphQLFragmentDefinition> _fragments = [];
    private IReadOnlyDictionary<string, JsonNode?> _variables = new Dictionary<string, JsonNode?>();

    public JsonObject Execute(GraphQLDocument document, string? operationName, JsonObject? variables)
    {
        _fragments = document.Definitions.OfType<GraphQLFragmentDefinition>().ToDictionary(f => f.FragmentName.Name.StringValue);
        _variables = variables?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? [];
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>()
            .First(o => operationName is null || o.Name?.StringValue == operationName);
        return Select(operation.SelectionSet, Root.Instance);
    }

    private sealed class Root
    {
        public static readonly Root Instance = new();
    }

    private sealed record Connection(IReadOnlyList<FakeRun> Runs);

    private sealed record Edge(FakeRun Run, int Index);

    private sealed record ProjectRef(string Entity, string Name, List<FakeRun> Runs);

    private JsonObject Select(GraphQLSelectionSet set, object parent)
    {
        var result = new JsonObject();
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field when Included(field.Directives):
                    var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
                    var args = field.Arguments?.ToDictionary(a => a.Name.StringValue, a => Value(a.Value)) ?? [];
                    var value = Resolve(parent, field.Name.StringValue, args);
                    result[key] = field.SelectionSet is null ? ToJson(value) : Nested(field.SelectionSet, value);
                    break;
                case GraphQLFragmentSpread spread when Included(spread.Directives):
                    Merge(result, Select(_fragments[spread.FragmentName.Name.StringValue].SelectionSet, parent));
                    break;
                case GraphQLInlineFragment inline when Included(inline.Directives):
                    Merge(result, Select(inline.SelectionSet, parent));
                    break;
            }
        }

        return result;
    }

    private JsonNode? Nested(GraphQLSelectionSet set, object? value) => value switch
    {
        null => null,
        JsonObject o => Select(set, o),
        System.Collections.IEnumerable list and not string => new JsonArray(list.Cast<object>().Select(i => (JsonNode?)Select(set, i)).ToArray()),
        _ => Select(set, value),
    };

    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (k, v) in from.ToList())
        {
            from.Remove(k);
            into[k] = v;
        }
    }

    private bool Included(GraphQLDirectives? directives)
    {
        foreach (var d in directives ?? Enumerable.Empty<GraphQLDirective>())
        {
            var flag = Value(d.Arguments!.First(a => a.Name.StringValue == "if").Value) is JsonValue v && v.GetValue<bool>();
            if ((d.Name.StringValue == "include" && !flag) || (d.Name.StringValue == "skip" && flag))
            {
                return false;
            }
        }

        return true;
    }

    private JsonNode? Value(GraphQLValue value) => value switch
    {
        GraphQLVariable v => _variables.TryGetValue(v.Name.StringValue, out var x) ? x?.DeepClone() : null,
        GraphQLStringValue s => JsonValue.Create(s.Value.ToString()),
        GraphQLIntValue i => JsonValue.Create(long.Parse(i.Value.Span, CultureInfo.InvariantCulture)),
        GraphQLFloatValue f => JsonValue.Create(double.Parse(f.Value.Span, CultureInfo.InvariantCulture)),
        GraphQLBooleanValue b => JsonValue.Create(b.BoolValue),
        GraphQLListValue l => new JsonArray(l.Values?.Select(Value).ToArray() ?? []),
        GraphQLNullValue => null,
        _ => throw new NotSupportedException(value.GetType().Name),
    };

    private object? Resolve(object parent, string field, Dictionary<string, JsonNode?> args) => (parent, field) switch
    {
        (_, "__typename") => parent.GetType().Name,
        (Root, "viewer") => new JsonObject
        {
            ["id"] = viewer.Id, ["entity"] = viewer.Name, ["username"] = viewer.Name,
            ["teams"] = new JsonObject { ["edges"] = new JsonArray([.. viewer.Teams.Select(t => (JsonNode)new JsonObject { ["node"] = new JsonObject { ["name"] = t } })]) },
        },
        (Root, "project") => data.Projects.TryGetValue((Str(args, "entityName")!, Str(args, "name")!), out var runs)
            ? new ProjectRef(Str(args, "entityName")!, Str(args, "name")!, runs)
            : null,
        (ProjectRef p, "name") => p.Name,
        (ProjectRef p, "entityName") => p.Entity,
        (ProjectRef p, "run") => p.Runs.FirstOrDefault(r => r.Id == Str(args, "name")),
        (ProjectRef p, "runs") => new Connection(Filter(p.Runs, args)),
        (ProjectRef p, "runCount") => p.Runs.Count,
        (Connection c, "edges") => c.Runs.Select((r, i) => new Edge(r, i)).ToList(),
        (Connection c, "totalCount") => c.Runs.Count,
        (Connection c, "pageInfo") => new JsonObject { ["hasNextPage"] = false, ["hasPreviousPage"] = false, ["endCursor"] = null, ["startCursor"] = null },
        (Edge e, "node") => e.Run,
        (Edge e, "cursor") => "cursor-" + e.Index,
        (JsonObject o, _) => o[field]?.DeepClone(),
        (FakeRun r, _) => RunField(r, field, args),
        _ => throw new NotSupportedException($"fake W&B cannot resolve {parent.GetType().Name}.{field}"),
    };

    private static object? RunField(FakeRun r, string field, Dictionary<string, JsonNode?> args) => field switch
    {
        "id" => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"Run:v1:{r.Id}")),
        "name" => r.Id,
        "displayName" => r.DisplayName,
        "state" => r.State,
        "createdAt" => r.CreatedAtWithoutZone
            ? r.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
            : r.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        "heartbeatAt" => r.HeartbeatAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        "computeSeconds" => (long)((r.HeartbeatAt ?? r.CreatedAt) - r.CreatedAt).TotalSeconds,
        "historyLineCount" => r.History.Count,
        "group" => r.Group,
        "sweepName" => r.Sweep,
        "config" => FakeWandbData.ToWandbJson(new JsonObject(r.Config
            .Where(kv => Keys(args) is not { } keys || keys.Contains(kv.Key))
            .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonObject { ["value"] = kv.Value?.DeepClone(), ["desc"] = null })))),
        "summaryMetrics" => FakeWandbData.ToWandbJson(r.Summary
            .Where(kv => Keys(args) is not { } keys || keys.Contains(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value)),
        "historyKeys" => HistoryKeys(r),
        "runInfo" => r.Gpu is null && r.GpuCount is null ? null : new JsonObject { ["gpu"] = r.Gpu, ["gpuCount"] = r.GpuCount },
        "sampledHistory" => SampledHistory(r, args),
        "logLineCount" => r.Console?.Count,
        "logLines" => LogLines(r, args),
        "events" => SampleEvents(r, (int)(args.GetValueOrDefault("samples")?.GetValue<long>() ?? 500)),
        // The newest rows as one JSON string holding an array (how many W&B serves is not documented; the fake serves 20).
        "eventsTail" => FakeWandbData.ReplaceMarkers(new JsonArray(r.Events.TakeLast(20).Select(e => FakeWandbData.ToNode(e)).ToArray()).ToJsonString()),
        // scan_history's page (wandb-api.md §7.4).
        "history" => HistoryPage(r, args.GetValueOrDefault("minStep")?.GetValue<long>() ?? long.MinValue,
            args.GetValueOrDefault("maxStep")?.GetValue<long>() ?? long.MaxValue, (int)(args.GetValueOrDefault("samples")?.GetValue<long>() ?? 500)),
        _ => throw new NotSupportedException($"fake W&B has no Run.{field}"),
    };

    /// <summary>The last <c>last</c> lines, ascending, with W&amp;B's zone-less UTC timestamps; null when the run has no stream.</summary>
    private static JsonObject? LogLines(FakeRun r, Dictionary<string, JsonNode?> args)
    {
        if (r.Console is null)
        {
            return null;
        }

        var last = (int)(args.GetValueOrDefault("last")?.GetValue<long>() ?? 1000);
        var start = Math.Max(0, r.Console.Count - last);
        var edges = new JsonArray(r.Console.Skip(start).Select((l, i) => (JsonNode)new JsonObject
        {
            ["node"] = new JsonObject
            {
                ["number"] = start + i,
                ["timestamp"] = l.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
                ["level"] = l.Stderr ? "error" : "",
                ["line"] = l.Line,
            },
            ["cursor"] = "c" + (start + i),
        }).ToArray());
        return new JsonObject { ["pageInfo"] = new JsonObject { ["hasNextPage"] = false, ["hasPreviousPage"] = start > 0 }, ["edges"] = edges };
    }

    /// <summary>
    /// <c>events(samples:)</c>: system-metrics rows down-sampled over the whole run as W&amp;B may (neither end kept,
    /// <see cref="WandbSampling"/>), each row a JSON string (wandb-api.md §6, §7.2); the newest rows come from eventsTail.
    /// </summary>
    private static List<string> SampleEvents(FakeRun r, int samples) =>
        WandbSampling.Pick(r.Events, samples).Select(FakeWandbData.ToWandbJson).ToList();

    /// <summary>
    /// <c>history(minStep:, maxStep:, samples:)</c>, the page scan_history reads: rows with minStep &lt;= _step &lt; maxStep
    /// (maxStep exclusive here, wandb-api.md §7.4), down-sampled when more than <c>samples</c> match, each row a JSON string.
    /// </summary>
    private static List<string> HistoryPage(FakeRun r, long minStep, long maxStep, int samples) =>
        WandbSampling.Pick(StepRange(r, minStep, maxStep - 1).ToList(), samples).Select(FakeWandbData.ToWandbJson).ToList();

    /// <summary>Rows with minStep &lt;= _step &lt;= maxStep. Rows are in step order, so the range starts at a binary-searched index (a million-row run stays fast).</summary>
    private static IEnumerable<Dictionary<string, object?>> StepRange(FakeRun r, long minStep, long maxStep)
    {
        int lo = 0, hi = r.History.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Step(r.History[mid]) < minStep)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < r.History.Count && Step(r.History[i]) <= maxStep; i++)
        {
            yield return r.History[i];
        }
    }

    private static long Step(Dictionary<string, object?> row) => Convert.ToInt64(row.GetValueOrDefault("_step") ?? -1L, CultureInfo.InvariantCulture);

    /// <summary>
    /// Per key, how many rows hold it, counted by value type (a key logged as None counts as "nil"); <c>lastStep</c> is the
    /// newest row's <c>_step</c>, not the row count (steps may have gaps), -1 when empty (wandb-api.md §7.1).
    /// </summary>
    private static JsonObject HistoryKeys(FakeRun r)
    {
        var counts = new Dictionary<string, Dictionary<string, long>>();
        foreach (var (key, value) in r.History.SelectMany(row => row))
        {
            var types = counts.TryGetValue(key, out var t) ? t : counts[key] = [];
            var type = TypeName(value);
            types[type] = types.GetValueOrDefault(type) + 1;
        }

        var keys = new JsonObject();
        foreach (var (key, types) in counts)
        {
            keys[key] = new JsonObject
            {
                ["typeCounts"] = new JsonArray(types.Select(t => (JsonNode)new JsonObject { ["type"] = t.Key, ["count"] = t.Value }).ToArray()),
            };
        }

        return new JsonObject { ["lastStep"] = r.History.Count == 0 ? -1 : Step(r.History[^1]), ["keys"] = keys };
    }

    private static string TypeName(object? value) => value switch
    {
        null => "nil",
        bool => "bool",
        string => "string",
        Dictionary<string, object?> or JsonObject => "map",
        _ => "number",
    };

    /// <summary>
    /// <c>sampledHistory(specs:)</c> as W&amp;B answers it (wandb-api.md §7.3): one list per spec, of plain row objects (JSON,
    /// not JSON strings), holding only the spec's keys. A row is returned only when it holds EVERY key of the spec (AND
    /// semantics: keys logged in different calls give no rows); <c>minStep</c> and <c>maxStep</c> are both inclusive in
    /// a spec; more matching rows than <c>samples</c> are down-sampled keeping neither end (<see cref="WandbSampling"/>);
    /// a key logged as None comes back as null; <c>_step</c> comes back as a float (§6).
    /// </summary>
    private static JsonArray SampledHistory(FakeRun r, Dictionary<string, JsonNode?> args)
    {
        var result = new JsonArray();
        foreach (var specNode in args["specs"]!.AsArray())
        {
            var spec = JsonNode.Parse(specNode!.GetValue<string>())!.AsObject();
            var keys = spec["keys"]!.AsArray().Select(k => k!.GetValue<string>()).ToList();
            var samples = spec["samples"]?.GetValue<int>() ?? 500;
            var minStep = spec["minStep"]?.GetValue<long>() ?? long.MinValue;
            var maxStep = spec["maxStep"]?.GetValue<long>() ?? long.MaxValue;
            var rows = WandbSampling.Pick(StepRange(r, minStep, maxStep).Where(row => keys.All(row.ContainsKey)).ToList(), samples);
            result.Add(new JsonArray(rows.Select(row =>
            {
                var o = new JsonObject();
                foreach (var k in keys)
                {
                    o[k] = k == "_step" ? JsonNode.Parse(Convert.ToString(row[k], CultureInfo.InvariantCulture) + ".0") : FakeWandbData.ToNode(row[k]);
                }

                return (JsonNode)o;
            }).ToArray()));
        }

        return result;
    }

    private static List<FakeRun> Filter(List<FakeRun> runs, Dictionary<string, JsonNode?> args)
    {
        IEnumerable<FakeRun> query = runs;
        if (args.GetValueOrDefault("filters")?.GetValue<string>() is { } filterText && JsonNode.Parse(filterText) is JsonObject filters)
        {
            query = query.Where(r => Matches(r, filters));
        }

        var order = args.GetValueOrDefault("order")?.GetValue<string>() ?? "+created_at";
        query = order.TrimStart('+', '-') is "created_at" or "createdAt"
            ? (order.StartsWith('-') ? query.OrderByDescending(r => r.CreatedAt) : query.OrderBy(r => r.CreatedAt))
            : throw new NotSupportedException("fake W&B order " + order);
        var first = (int)(args.GetValueOrDefault("first")?.GetValue<long>() ?? 50);
        return query.Take(first).ToList();
    }

    /// <summary>W&amp;B's MongoDB-style run filters, as far as the server uses them: $and, $or, $eq, $ne, $lt, $gt; config.* paths.</summary>
    private static bool Matches(FakeRun r, JsonObject filter) => filter.All(kv => kv.Key switch
    {
        "$and" => kv.Value!.AsArray().All(f => Matches(r, f!.AsObject())),
        "$or" => kv.Value!.AsArray().Any(f => Matches(r, f!.AsObject())),
        _ => Condition(FieldValue(r, kv.Key), kv.Value),
    });

    private static JsonNode? FieldValue(FakeRun r, string key) => key switch
    {
        "displayName" or "display_name" => r.DisplayName,
        "state" => r.State,
        "name" => r.Id,
        "group" => r.Group,
        "sweep" => r.Sweep,
        "createdAt" or "created_at" => r.CreatedAt.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
        _ when key.StartsWith("config.", StringComparison.Ordinal) => ConfigPath(r.Config, key["config.".Length..]),
        _ => throw new NotSupportedException("fake W&B filter " + key),
    };

    private static JsonNode? ConfigPath(JsonObject config, string path)
    {
        JsonNode? current = config;
        foreach (var part in (path.EndsWith(".value", StringComparison.Ordinal) ? path[..^".value".Length] : path).Split('.'))
        {
            current = (current as JsonObject)?[part];
        }

        return current;
    }

    private static bool Condition(JsonNode? actual, JsonNode? condition)
    {
        if (condition is not JsonObject op)
        {
            return JsonNode.DeepEquals(actual, condition);
        }

        return op.All(o => o.Key switch
        {
            "$eq" => JsonNode.DeepEquals(actual, o.Value),
            "$ne" => !JsonNode.DeepEquals(actual, o.Value),
            "$lt" => Compare(actual, o.Value) < 0,
            "$gt" => Compare(actual, o.Value) > 0,
            _ => throw new NotSupportedException("fake W&B operator " + o.Key),
        });
    }

    /// <summary>Times compare as instants (W&amp;B takes ISO strings), numbers as numbers.</summary>
    private static int Compare(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return 0;
        }

        if (DateTimeOffset.TryParse(a.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var x)
            && DateTimeOffset.TryParse(b.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var y))
        {
            return x.CompareTo(y);
        }

        return a.GetValue<double>().CompareTo(b.GetValue<double>());
    }

    private static HashSet<string>? Keys(Dictionary<string, JsonNode?> args) =>
        args.GetValueOrDefault("keys") is JsonArray a ? a.Select(k => k!.GetValue<string>()).ToHashSet() : null;

    private static string? Str(Dictionary<string, JsonNode?> args, string name) => args.GetValueOrDefault(name)?.GetValue<string>();

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode n => n,
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        System.Collections.IEnumerable list => new JsonArray(list.Cast<object>().Select(ToJson).ToArray()),
        _ => JsonSerializer.SerializeToNode(value),
    };
}
