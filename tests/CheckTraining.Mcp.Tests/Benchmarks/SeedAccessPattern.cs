using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Benchmarks;

/// <summary>
/// The seed skill's own W&amp;B access, replayed against the fake: the Python SDK's <c>api.runs(..., order='-created_at')</c>
/// (one page of 50 runs with full summaries and config), then <c>run.scan_history(page_size=1000)</c> (history pages by
/// step range until the last step). The documents are the SDK's shape, reduced to fields in the vendored schema.
/// </summary>
internal static class SeedAccessPattern
{
    private const string Runs = """
        query Runs($project: String!, $entity: String!, $filters: JSONString, $order: String, $perPage: Int!) {
          project(name: $project, entityName: $entity) {
            runs(filters: $filters, order: $order, first: $perPage) {
              edges { node { name displayName state createdAt heartbeatAt config summaryMetrics historyLineCount historyKeys } }
            }
          }
        }
        """;

    private const string HistoryPage = """
        query HistoryPage($entity: String!, $project: String!, $run: String!, $minStep: Int64!, $maxStep: Int64!, $pageSize: Int!) {
          project(name: $project, entityName: $entity) { run(name: $run) { history(minStep: $minStep, maxStep: $maxStep, samples: $pageSize) } }
        }
        """;

    public sealed record Result(int Requests, long Bytes, double Milliseconds);

    public static async Task<Result> ReplayAsync(FakeWandbServer wandb, string project, int pageSize = 1000)
    {
        using var http = new HttpClient { BaseAddress = new Uri(wandb.BaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("api:" + FakeWandbServer.ApiKey)));
        var clock = Stopwatch.StartNew();
        var (requests, bytes) = (0, 0L);
        async Task<JsonNode> PostAsync(string query, string name, JsonObject variables)
        {
            var body = new JsonObject { ["query"] = query, ["operationName"] = name, ["variables"] = variables }.ToJsonString();
            using var response = await http.PostAsync("graphql", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            requests++;
            bytes += Encoding.UTF8.GetByteCount(text);
            return JsonNode.Parse(text)!; // the SDK parses these too; only their size and count matter here
        }

        var runs = await PostAsync(Runs, "Runs", new JsonObject
        {
            ["project"] = project, ["entity"] = WandbFixtures.Entity, ["filters"] = "{}", ["order"] = "-created_at", ["perPage"] = 50,
        });
        var newest = runs["data"]!["project"]!["runs"]!["edges"]![0]!["node"]!;
        var id = newest["name"]!.GetValue<string>();
        var lastStep = newest["historyLineCount"]!.GetValue<long>() - 1;
        for (long min = 0; min <= lastStep; min += pageSize)
        {
            await PostAsync(HistoryPage, "HistoryPage", new JsonObject
            {
                ["entity"] = WandbFixtures.Entity, ["project"] = project, ["run"] = id, ["minStep"] = min, ["maxStep"] = min + pageSize, ["pageSize"] = pageSize,
            });
        }

        return new Result(requests, bytes, clock.Elapsed.TotalMilliseconds);
    }
}
