using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CheckTraining.Mcp.Tests.Infrastructure;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Tests.Wandb;

/// <summary>The read-only promise on the W&amp;B side: only query documents, all valid against the schema.</summary>
public sealed class QueryDocumentTests
{
    public static TheoryData<string> Names => new(WandbQueries.All.Select(q => q.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Every_document_is_a_valid_query_against_the_W_and_B_schema(string name)
    {
        var query = WandbQueries.All.Single(q => q.Name == name);
        var variables = new Dictionary<string, object?>
        {
            ["entity"] = "e", ["project"] = "p", ["runId"] = "r", ["byId"] = true, ["byFilter"] = true, ["listOthers"] = true, ["details"] = true,
            ["filters"] = "{}", ["first"] = 5, ["configKeys"] = new List<object?> { "epochs" }, ["summaryKeys"] = new List<object?> { "epoch" },
            ["specs"] = new List<object?> { """{"keys":["_step","loss"],"samples":10}""" },
            ["lossSpecs"] = new List<object?> { """{"keys":["_step","loss"],"samples":24}""" },
            ["withHistory"] = true, ["withEvents"] = true, ["eventSamples"] = 200, ["withLogs"] = true, ["logTail"] = 60, ["withBaseline"] = true, ["withSiblings"] = true, ["siblingFilters"] = "{}",
            ["baselineFilters"] = """{"$and":[{"config.model.arch":"mamba2"},{"state":"finished"}]}""",
            ["baselineSpecs"] = new List<object?> { """{"keys":["_step","loss"],"samples":10}""" },
        };
        var used = variables.Where(kv => query.Document.Contains("$" + kv.Key, StringComparison.Ordinal)).ToDictionary();
        Assert.Empty(await SchemaValidator.Instance.ValidateAsync(query.Document, query.Name, used));
    }

    [Theory]
    [InlineData("mutation M { updateUser(input: {}) { user { id } } }")]
    [InlineData("subscription S { viewer { id } }")]
    [InlineData("query Q { viewer { id } }\nmutation M { deleteView(input: {}) { success } }")]
    [InlineData("{ viewer { id } }")]
    public void Anything_but_named_queries_is_refused_where_requests_are_built(string document) =>
        Assert.Throws<InvalidOperationException>(() => ReadOnlyQuery.Create("X", document));

    [Fact]
    public async Task The_fake_server_refuses_and_records_a_mutation()
    {
        await using var wandb = await FakeWandbServer.StartAsync(new FakeWandbData());
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync(wandb.BaseUrl + "/graphql",
            new JsonObject { ["query"] = "mutation M { updateUser(input: {id: \"1\"}) { user { id } } }" }, TestContext.Current.CancellationToken);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(wandb.Violations, v => v.Contains("only query operations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_fake_server_refuses_a_field_the_schema_lacks()
    {
        await using var wandb = await FakeWandbServer.StartAsync(new FakeWandbData());
        using var http = new HttpClient();
        await http.PostAsJsonAsync(wandb.BaseUrl + "/graphql",
            new JsonObject { ["query"] = "query Q { viewer { id nonexistentField } }" }, TestContext.Current.CancellationToken);
        Assert.Contains(wandb.Violations, v => v.Contains("nonexistentField", StringComparison.Ordinal));
    }
}
