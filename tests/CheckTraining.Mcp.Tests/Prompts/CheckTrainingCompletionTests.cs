using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Protocol;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Prompts;

/// <summary>completion/complete for the check-training prompt's request argument, through a real client, in process with the cache on.</summary>
public sealed class CheckTrainingCompletionTests : IAsyncLifetime
{
    private FakeWandbServer _wandb = null!;
    private InProcessServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        _server = await InProcessServer.StartAsync(InProcessServer.WandbSettings(_wandb));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wandb.DisposeAsync();
    }

    private async Task<IList<string>> CompleteAsync(string typed, string argument = "request", string prompt = "check-training") =>
        (await _server.Client.CompleteAsync(new PromptReference { Name = prompt }, argument, typed, cancellationToken: TestContext.Current.CancellationToken))
        .Completion.Values;

    [Fact]
    public async Task The_request_completes_with_its_words_and_the_newest_runs_from_list_recent_runs_cached_read()
    {
        Assert.NotNull(_server.Client.ServerCapabilities.Completions);
        var listed = (await _server.CallAsync("list_recent_runs", new() { ["limit"] = 10 })).Structured().GetProperty("runs").EnumerateArray()
            .SelectMany(r => new[] { r.GetProperty("displayName").GetString()!, r.GetProperty("id").GetString()! }).Distinct().ToList();
        Assert.Single(_wandb.Requests);

        var values = await CompleteAsync("");

        Assert.Equal(["latest", "all", "pull checkpoint", .. listed], values);
        Assert.Single(_wandb.Requests); // list_recent_runs' own read, from the cache
        _server.Time.Advance(TimeSpan.FromSeconds(11));
        await CompleteAsync("");
        Assert.Equal(2, _wandb.Requests.Count); // past the TTL: one read, the listing's
        Assert.Equal(_wandb.Requests[0].Query, _wandb.Requests[1].Query);
    }

    [Fact]
    public async Task What_is_typed_narrows_the_values_and_a_run_follows_pull_checkpoint()
    {
        Assert.Equal(["all"], await CompleteAsync("A"));
        Assert.Contains(SeedRunName, await CompleteAsync("mamba"));
        Assert.All(await CompleteAsync("mamba"), v => Assert.StartsWith("mamba", v));
        var pulls = await CompleteAsync("pull checkpoint ");
        Assert.Contains("pull checkpoint " + SeedRunName, pulls);
        Assert.Equal(["pull checkpoint " + SeedRunId], await CompleteAsync("pull checkpoint 8za"));
    }

    [Fact]
    public async Task Other_arguments_and_prompts_complete_to_nothing_and_cost_no_read()
    {
        Assert.Empty(await CompleteAsync("", argument: "other"));
        Assert.Empty(await CompleteAsync("", prompt: "no-such-prompt"));
        Assert.Empty(_wandb.Requests);
    }

    [Fact]
    public async Task Without_W_and_B_the_words_still_complete()
    {
        _wandb.EnqueueStatus(401);
        Assert.Equal(["latest", "all", "pull checkpoint"], await CompleteAsync(""));
    }
}
