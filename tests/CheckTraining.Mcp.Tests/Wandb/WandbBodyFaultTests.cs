using System.Diagnostics;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Wandb;

/// <summary>
/// Faults in the body, after W&amp;B's headers: in process, on the fake clock that drives the resilience pipeline's
/// timeouts and backoff, so a stalled body costs the test no real waiting.
/// </summary>
public sealed class WandbBodyFaultTests : IAsyncLifetime
{
    private FakeWandbServer _wandb = null!;
    private InProcessServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));
        var settings = InProcessServer.WandbSettings(_wandb);
        settings["Wandb:RetryBaseDelaySeconds"] = "0"; // retries go at once, so only a stalled body waits on the clock
        _server = await InProcessServer.StartAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _wandb.DisposeAsync();
    }

    private Task<ModelContextProtocol.Protocol.CallToolResult> ListAsync() => _server.CallAsync("list_recent_runs");

    [Fact]
    public async Task A_body_that_stalls_after_its_headers_times_out_the_attempt_and_is_retried()
    {
        _wandb.EnqueueBodyStall();
        var result = await _server.AdvanceUntilAsync(ListAsync(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => _wandb.StalledNow > 0);
        Assert.True(result.IsError != true, result.IsError == true ? result.ErrorText() : "");
        Assert.Equal(4, result.Structured().GetProperty("runs").GetArrayLength());
        Assert.Equal(2, _wandb.Requests.Count); // the stalled attempt, then the retry
    }

    [Fact]
    public async Task Bodies_that_keep_stalling_end_within_the_overall_budget_with_the_setting_named()
    {
        for (var i = 0; i < 10; i++)
        {
            _wandb.EnqueueBodyStall();
        }

        var real = Stopwatch.StartNew();
        var started = _server.Time.GetUtcNow();
        // The clock stops at 22 s: a budget above that never answers (the wait fails), one below 19 s answers early.
        // Advancing on past the budget would race the answer on a loaded machine.
        var text = (await _server.AdvanceUntilAsync(ListAsync(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(22), () => _wandb.StalledNow > 0)).ErrorText();
        Assert.Contains("did not answer within 20 s", text);
        Assert.Contains("Wandb:TimeoutSeconds", text);
        Assert.InRange((_server.Time.GetUtcNow() - started).TotalSeconds, 19, 22); // the budget, on the fake clock
        Assert.InRange(real.Elapsed.TotalSeconds, 0, 15);
    }

    [Fact]
    public async Task A_body_cut_mid_way_is_retried_like_a_network_fault()
    {
        _wandb.EnqueueTruncatedBody();
        _wandb.EnqueueTruncatedBody();
        var result = await _server.AdvanceUntilAsync(ListAsync(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => false);
        Assert.True(result.IsError != true, result.IsError == true ? result.ErrorText() : "");
        Assert.Equal(4, result.Structured().GetProperty("runs").GetArrayLength());
        Assert.Equal(3, _wandb.Requests.Count);
    }

    [Fact]
    public async Task A_complete_answer_whose_JSON_is_cut_short_is_retried_like_a_cut_connection()
    {
        _wandb.EnqueueCutShortJson();
        var result = await _server.AdvanceUntilAsync(ListAsync(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => false);
        Assert.True(result.IsError != true, result.IsError == true ? result.ErrorText() : "");
        Assert.Equal(4, result.Structured().GetProperty("runs").GetArrayLength());
        Assert.Equal(2, _wandb.Requests.Count);
    }

    [Fact]
    public async Task JSON_cut_short_on_every_attempt_is_a_W_and_B_fault_not_a_wrong_URL()
    {
        for (var i = 0; i < 10; i++)
        {
            _wandb.EnqueueCutShortJson();
        }

        var text = (await _server.AdvanceUntilAsync(ListAsync(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => false)).ErrorText();
        Assert.Contains("W&B answered 200 but cut its body short", text);
        Assert.Contains("on 5 attempt(s)", text); // the first and Wandb:MaxRetries' default 4
        Assert.DoesNotContain("not a GraphQL response", text);
        Assert.DoesNotContain("WANDB_BASE_URL", text);
        Assert.Equal(5, _wandb.Requests.Count);
    }
}
