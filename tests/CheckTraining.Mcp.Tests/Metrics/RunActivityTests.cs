using System.Text.Json.Nodes;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Wandb;

namespace CheckTraining.Mcp.Tests.Metrics;

public sealed class RunActivityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static WandbRun Run(string state, double logMinutesAgo, double heartbeatMinutesAgo) => new(
        "id", "name", state, Now.AddHours(-5), Now.AddMinutes(-heartbeatMinutesAgo), null, null, [],
        new JsonObject { ["_timestamp"] = Now.AddMinutes(-logMinutesAgo).ToUnixTimeSeconds() }, HistoryKeys.Parse([]));

    [Theory]
    [InlineData("running", 2, 1, false, "Live: last log 2 min ago, last heartbeat 1 min ago.")]
    [InlineData("running", 30, 1, true, "STALE: last log 30 min ago")] // hung loop: heartbeats go on, logs stop
    [InlineData("running", 2, 25, true, "STALE:")] // heartbeats stopped
    [InlineData("finished", 60, 60, false, "Finished 60 min ago.")]
    [InlineData("crashed", 3, 2, false, "W&B says crashed, but the last heartbeat was 2 min ago")]
    [InlineData("crashed", 300, 300, false, "State 'crashed', last seen 5 h ago.")]
    public void Verdicts(string state, double log, double heartbeat, bool stale, string verdict)
    {
        var activity = RunActivityCalculator.Calculate(Run(state, log, heartbeat), Now, 10);
        Assert.Equal(stale, activity.Stale);
        Assert.StartsWith(verdict, activity.Verdict, StringComparison.Ordinal);
    }
}
