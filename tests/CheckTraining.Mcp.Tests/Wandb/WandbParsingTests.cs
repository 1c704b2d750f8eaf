using System.Text.Json.Nodes;
using CheckTraining.Mcp.Json;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Tests.Wandb;

public sealed class WandbParsingTests
{
    [Fact]
    public void Bare_non_finite_tokens_parse_but_strings_that_mention_them_are_untouched()
    {
        var node = LenientJson.Parse("""{"a": NaN, "b": -Infinity, "c": Infinity, "d": "NaN Infinity", "e": [1, NaN]}""")!;
        Assert.True(double.IsNaN(JsonValues.AsDouble(node["a"])!.Value));
        Assert.Equal(double.NegativeInfinity, JsonValues.AsDouble(node["b"]));
        Assert.Equal(double.PositiveInfinity, JsonValues.AsDouble(node["c"]));
        Assert.Equal("NaN Infinity", node["d"]!.GetValue<string>());
        Assert.True(double.IsNaN(JsonValues.AsDouble(node["e"]![1])!.Value));
    }

    [Fact]
    public void JSON_in_JSON_fields_decode_from_a_string_or_an_object()
    {
        Assert.Equal(3, JsonValues.AsLong(LenientJson.DecodeEmbedded(JsonValue.Create("""{"x": 3}"""))!["x"]));
        Assert.Equal(3, JsonValues.AsLong(LenientJson.DecodeEmbedded(new JsonObject { ["x"] = 3 })!["x"]));
    }

    [Theory]
    [InlineData("2023-11-05T17:46:35")]
    [InlineData("2023-11-05T17:46:35Z")]
    [InlineData("2023-11-05T17:46:35.000+00:00")]
    public void Timestamps_without_a_zone_are_UTC(string text) =>
        Assert.Equal(new DateTimeOffset(2023, 11, 5, 17, 46, 35, TimeSpan.Zero), JsonValues.AsUtcTimestamp(JsonValue.Create(text)));

    [Fact]
    public void A_float_step_reads_as_an_integer() => Assert.Equal(12, JsonValues.AsLong(JsonNode.Parse("12.0")));

    [Theory]
    [InlineData(null, RunReferenceKind.Latest, null)]
    [InlineData("", RunReferenceKind.Latest, null)]
    [InlineData("LATEST", RunReferenceKind.Latest, null)]
    [InlineData("8za01pdm", RunReferenceKind.IdOrDisplayName, "8za01pdm")]
    [InlineData(" mamba2-22k-ss-resumed ", RunReferenceKind.IdOrDisplayName, "mamba2-22k-ss-resumed")]
    [InlineData("https://wandb.ai/team/proj/runs/abc123?nw=x", RunReferenceKind.Id, "abc123")]
    [InlineData("http://localhost:8080/team/proj/runs/abc123/logs", RunReferenceKind.Id, "abc123")]
    public void Run_references_parse(string? text, RunReferenceKind kind, string? value)
    {
        var reference = RunReference.Parse(text);
        Assert.Equal(kind, reference.Kind);
        Assert.Equal(value, reference.Value);
    }

    [Fact]
    public void A_run_url_carries_its_entity_and_project()
    {
        var reference = RunReference.Parse("https://wandb.ai/my%20team/proj/runs/abc");
        Assert.Equal(("my team", "proj"), (reference.Entity, reference.Project));
    }

    [Theory]
    [InlineData("https://api.wandb.ai", null, "https://wandb.ai")]
    [InlineData("https://api.acme.io/", null, "https://app.acme.io")]
    [InlineData("http://localhost:8080", null, "http://localhost:8080")]
    [InlineData("https://api.wandb.ai", "https://ui.example.com/", "https://ui.example.com")]
    public void App_urls_derive_like_the_SDK(string api, string? app, string expected) => Assert.Equal(expected, WandbLinks.AppUrlFor(api, app));

    [Fact]
    public void Netrc_is_read_by_host_and_port()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "machine api.wandb.ai\n  login user\n  password cloudkey\nmachine localhost:8080 login user password \"localkey\"\n");
        Assert.Equal("cloudkey", NetrcReader.FindPassword(path, WandbApiKeyProvider.MachineOf("https://api.wandb.ai")));
        Assert.Equal("localkey", NetrcReader.FindPassword(path, WandbApiKeyProvider.MachineOf("http://localhost:8080")));
        Assert.Null(NetrcReader.FindPassword(path, "other.host"));
        File.Delete(path);
    }

    [Fact]
    public void Credentials_are_only_attached_under_the_API_base()
    {
        Assert.True(WandbAuthHandler.IsUnderBase(new Uri("https://api.wandb.ai/graphql"), "https://api.wandb.ai"));
        Assert.False(WandbAuthHandler.IsUnderBase(new Uri("https://storage.googleapis.com/signed"), "https://api.wandb.ai"));
        Assert.False(WandbAuthHandler.IsUnderBase(new Uri("http://api.wandb.ai/graphql"), "https://api.wandb.ai"));
        Assert.False(WandbAuthHandler.IsUnderBase(new Uri("https://api.wandb.ai.evil.com/graphql"), "https://api.wandb.ai"));
    }
}
