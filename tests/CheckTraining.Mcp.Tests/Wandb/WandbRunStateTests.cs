using System.Text.Json;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Tests.Wandb;

/// <summary>The explicit state maps agree with the enum's JSON names (the tool argument's schema) and keep unknown states out.</summary>
public sealed class WandbRunStateTests
{
    public static TheoryData<WandbRunState> Every => [.. Enum.GetValues<WandbRunState>()];

    [Theory]
    [MemberData(nameof(Every))]
    public void The_api_name_is_the_json_name_and_parses_back(WandbRunState state)
    {
        var json = JsonSerializer.Serialize(state).Trim('"');
        Assert.Equal(json, state.ApiName());
        Assert.Equal(state, WandbRunStates.Parse(state.ApiName()));
        Assert.Contains(state, WandbRunStates.All);
    }

    [Theory]
    [InlineData("finished", true, false)]
    [InlineData("crashed", true, true)]
    [InlineData("failed", true, true)]
    [InlineData("killed", true, true)]
    [InlineData("running", false, false)]
    [InlineData("preempted", false, false)] // may be requeued: not ended
    [InlineData("pending", false, false)]
    [InlineData("archived", false, false)] // a state this build does not know
    [InlineData("Running", false, false)] // W&B spells states lowercase; another spelling is not guessed
    public void Ended_and_failed_states(string state, bool ended, bool failed)
    {
        var parsed = WandbRunStates.Parse(state);
        Assert.Equal(ended, parsed.IsEnded());
        Assert.Equal(failed, parsed.IsFailure());
    }

    [Theory]
    [InlineData("archived")]
    [InlineData("unknown")]
    [InlineData("")]
    public void An_unknown_state_parses_to_null(string state) => Assert.Null(WandbRunStates.Parse(state));
}
