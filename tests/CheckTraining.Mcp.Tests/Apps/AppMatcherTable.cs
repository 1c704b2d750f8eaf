using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Modal;

namespace CheckTraining.Mcp.Tests.Apps;

/// <summary>Which Modal app is a run's own, one row per shape: resume, relaunch, sweep, several apps, none.</summary>
public sealed class AppMatcherTable
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Resumed = Created.AddDays(3);

    private static ModalApp App(string id, double minutesFromCreated, bool live, string name = "train") =>
        new(id, name, live ? "ephemeral (detached)" : "stopped", live ? AppPhase.Active : AppPhase.Ended, live ? 1 : 0, Created.AddMinutes(minutesFromCreated),
            live ? null : Created.AddMinutes(minutesFromCreated + 60), null, null);

    public static TheoryData<string, ModalApp[], DateTimeOffset?, string?, string?, string?> Rows => new()
    {
        // shape, apps, resumed at, app name filter, expected app, matched by (contains)
        { "one app, 2 min before the run", [App("ap-own", -2, true)], null, null, "ap-own", "2 min before the W&B run's creation" },
        { "nearest of two live apps in the window", [App("ap-far", -12, true), App("ap-near", -1, true)], null, null, "ap-near", "creation" },
        { "a live app beats a nearer stopped one", [App("ap-stopped", -1, false), App("ap-live", -10, true)], null, null, "ap-live", "creation" },
        {
            "resumed: the live app near the latest resume, not the stopped one near creation",
            [App("ap-old", -2, false), App("ap-new", (3 * 24 * 60) - 3, true)], Resumed, null, "ap-new", "the run's latest resume"
        },
        { "resumed, the new app not listed: the old one, stopped", [App("ap-old", -2, false)], Resumed, null, "ap-old", "creation" },
        { "a sweep's trials: one app for all of them", [App("ap-sweep", -4, true, "sweep")], null, "sweep", "ap-sweep", "creation" },
        { "the name filter excludes the nearer app", [App("ap-other", -1, true, "eval"), App("ap-train", -8, true)], null, "train", "ap-train", "creation" },
        { "outside the window: 20 min before", [App("ap-early", -20, true)], null, null, null, "No app was created within 15 min before to 5 min after" },
        { "outside the window: 6 min after", [App("ap-late", 6, true)], null, null, null, "No app" },
        { "no creation time", [App("ap-own", -2, true)], null, null, null, "creation time is unknown" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Matches_the_runs_own_app(string shape, ModalApp[] apps, DateTimeOffset? resumedAt, string? appName, string? expected, string? matchedBy)
    {
        var created = shape == "no creation time" ? (DateTimeOffset?)null : Created;
        var match = AppMatcher.Match(new ModalAppList(apps, Resumed.AddHours(1)), created, new ModalOptions { AppName = appName }, resumedAt);
        Assert.True(expected == match.App?.AppId, $"{shape}: matched {match.App?.AppId ?? "none"}, expected {expected ?? "none"} ({match.MatchedBy})");
        Assert.Contains(matchedBy!, match.MatchedBy);
    }
}
