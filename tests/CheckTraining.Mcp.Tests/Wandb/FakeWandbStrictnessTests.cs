using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Wandb;

/// <summary>
/// The fake W&amp;B is only as good as its strictness: over real HTTP, it drops what W&amp;B may drop (wandb-api.md §7.3;
/// wandb/wandb#5694), so a product that relies on kinder behaviour fails here first.
/// </summary>
public sealed class FakeWandbStrictnessTests
{
    private const string Query = """
        query Q($specs: [JSONString!]!) { project(name: "p", entityName: "e") { run(name: "r") { sampledHistory(specs: $specs) historyKeys } } }
        """;

    /// <summary>Ten training rows (steps 0-9, loss), three of which (steps 3, 6, 9) also hold val_loss; step 9 logs lr as None.</summary>
    private static FakeWandbData Data()
    {
        var data = new FakeWandbData();
        data.Project("e", "p").Add(new FakeRun
        {
            Id = "r", DisplayName = "r", State = "finished", CreatedAt = DateTimeOffset.UnixEpoch,
            History = Enumerable.Range(0, 10).Select(i =>
            {
                var row = new Dictionary<string, object?> { ["_step"] = i, ["loss"] = 10.0 - i };
                if (i % 3 == 0 && i > 0)
                {
                    row["val_loss"] = 1.0 / i;
                }

                if (i == 9)
                {
                    row["lr"] = null;
                }

                return row;
            }).ToList(),
        });
        return data;
    }

    private static async Task<(JsonArray Series, JsonObject Keys)> AskAsync(params string[] specs)
    {
        await using var wandb = await FakeWandbServer.StartAsync(Data());
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("api:" + FakeWandbServer.ApiKey)));
        var response = await http.PostAsJsonAsync(wandb.BaseUrl + "/graphql",
            new JsonObject { ["query"] = Query, ["variables"] = new JsonObject { ["specs"] = new JsonArray(specs.Select(s => (JsonNode)s).ToArray()) } },
            TestContext.Current.CancellationToken);
        Assert.Empty(wandb.Violations);
        var run = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["data"]!["project"]!["run"]!;
        return (run["sampledHistory"]!.AsArray(), run["historyKeys"]!.AsObject());
    }

    private static long[] Steps(JsonNode? series) => series!.AsArray().Select(r => (long)r!["_step"]!.GetValue<double>()).ToArray();

    [Theory]
    [InlineData(1, new long[] { 5 })]
    [InlineData(3, new long[] { 2, 5, 7 })]
    [InlineData(8, new long[] { 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData(9, new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8 })]
    public async Task A_spec_over_more_rows_than_its_samples_keeps_at_most_samples_and_neither_end(int samples, long[] expected)
    {
        var (series, _) = await AskAsync($$"""{"keys":["_step","loss"],"samples":{{samples}}}""");
        Assert.Equal(expected, Steps(series[0]));
        Assert.DoesNotContain(9L, Steps(series[0]));
    }

    [Fact]
    public async Task Samples_covering_the_rows_return_every_row()
    {
        var (series, _) = await AskAsync("""{"keys":["_step","loss"],"samples":10}""", """{"keys":["_step","val_loss"],"samples":3}""");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Steps(series[0]));
        Assert.Equal([3L, 6, 9], Steps(series[1]));
    }

    [Fact]
    public async Task A_spec_returns_only_rows_holding_every_key_and_only_its_keys()
    {
        var (series, _) = await AskAsync("""{"keys":["_step","loss","val_loss"],"samples":100}""", """{"keys":["_step","val_loss","never_logged"],"samples":100}""");
        Assert.Equal([3L, 6, 9], Steps(series[0]));
        Assert.All(series[0]!.AsArray(), r => Assert.Equal(["_step", "loss", "val_loss"], r!.AsObject().Select(kv => kv.Key)));
        Assert.Empty(series[1]!.AsArray());
    }

    [Fact]
    public async Task Min_and_max_step_are_both_inclusive_in_a_spec()
    {
        var (series, _) = await AskAsync("""{"keys":["_step","loss"],"samples":100,"minStep":6,"maxStep":8}""");
        Assert.Equal([6L, 7, 8], Steps(series[0]));
    }

    [Fact]
    public async Task Rows_are_objects_with_a_float_step_and_a_key_logged_as_None_is_null()
    {
        var (series, keys) = await AskAsync("""{"keys":["_step","lr"],"samples":100}""");
        var row = Assert.Single(series[0]!.AsArray())!.AsObject();
        Assert.Equal("9.0", row["_step"]!.ToJsonString());
        Assert.True(row.ContainsKey("lr"));
        Assert.Null(row["lr"]);
        Assert.Equal(9, keys["lastStep"]!.GetValue<long>());
        Assert.Equal("nil", keys["keys"]!["lr"]!["typeCounts"]![0]!["type"]!.GetValue<string>());
    }
}
