using CheckTraining.Mcp.Modal;

namespace CheckTraining.Mcp.Tests.Modal;

/// <summary>The app phase enum against the words reports carry.</summary>
public sealed class AppPhaseTests
{
    [Theory]
    [InlineData(AppPhase.Active, "active", true)]
    [InlineData(AppPhase.Starting, "starting", true)]
    [InlineData(AppPhase.Stopping, "stopping", true)]
    [InlineData(AppPhase.Ended, "ended", false)]
    [InlineData(AppPhase.Unknown, "unknown", false)]
    public void Each_phase_has_its_word_and_reads_back(AppPhase phase, string wire, bool live)
    {
        Assert.Equal(wire, phase.Wire());
        Assert.Equal(phase, AppPhases.Parse(wire));
        Assert.Equal(live, phase.IsLive());
    }

    [Theory]
    [InlineData("stopped")] // Modal's state text, not a phase
    [InlineData("Active")]
    [InlineData(null)]
    public void Anything_else_is_unknown(string? word) => Assert.Equal(AppPhase.Unknown, AppPhases.Parse(word));
}
