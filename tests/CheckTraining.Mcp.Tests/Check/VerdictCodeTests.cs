using System.Text.Json;
using CheckTraining.Mcp.Check;
using CheckTraining.Mcp.Tools;

namespace CheckTraining.Mcp.Tests.Check;

/// <summary>The verdict enum against its wire codes: every member has its own code, and the code is what a report stores.</summary>
public sealed class VerdictCodeTests
{
    [Theory]
    [InlineData(VerdictCode.Healthy, "healthy")]
    [InlineData(VerdictCode.Stale, "stale")]
    [InlineData(VerdictCode.StaleAppLive, "stale-app-live")]
    [InlineData(VerdictCode.Hung, "hung")]
    [InlineData(VerdictCode.Diverged, "diverged")]
    [InlineData(VerdictCode.ContainerGone, "container-gone")]
    [InlineData(VerdictCode.AppNotMatched, "app-not-matched")]
    [InlineData(VerdictCode.GpuStillHeld, "gpu-still-held")]
    [InlineData(VerdictCode.Finished, "finished")]
    [InlineData(VerdictCode.Crashed, "crashed")]
    [InlineData(VerdictCode.Other, "other")]
    [InlineData(VerdictCode.Unknown, "unknown")]
    [InlineData(VerdictCode.NotFound, "not-found")]
    public void Each_code_has_its_wire_word_and_reads_back(VerdictCode code, string wire)
    {
        Assert.Equal(wire, code.Wire());
        Assert.Equal(code, VerdictCodes.Parse(wire));
    }

    [Fact]
    public void No_two_members_share_a_code() =>
        // A member added without its own wire code would reuse one (or throw): the rows above would not notice.
        Assert.Equal(Enum.GetValues<VerdictCode>().Length, Enum.GetValues<VerdictCode>().Select(c => c.Wire()).Distinct().Count());

    [Fact]
    public void A_code_no_build_writes_has_no_kind() => Assert.Null(new CheckVerdict("gpu-held", "?", true).Kind);

    [Fact]
    public void A_cached_verdict_reads_back_with_its_kind_and_the_wire_holds_only_the_string()
    {
        var written = new CheckVerdict(VerdictCode.GpuStillHeld, "GPU may still be billed", true);
        var json = JsonSerializer.Serialize(written, AppJsonContext.Default.CheckVerdict);
        Assert.Equal("""{"code":"gpu-still-held","summary":"GPU may still be billed","needsAttention":true}""", json);
        var read = JsonSerializer.Deserialize(json, AppJsonContext.Default.CheckVerdict)!;
        Assert.Equal(written, read);
        Assert.Equal(VerdictCode.GpuStillHeld, read.Kind);
    }
}
