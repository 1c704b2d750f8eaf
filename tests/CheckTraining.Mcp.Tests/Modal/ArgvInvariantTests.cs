using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Modal;

/// <summary>
/// The allow-list invariant, exercised here rather than assumed: this test drives every Modal-touching tool itself, so
/// the argv log holds its own invocations whatever order the suite runs in, and a non-allow-listed argv fails it.
/// </summary>
public sealed class ArgvInvariantTests(ModalServerFixture fx) : IClassFixture<ModalServerFixture>
{
    [Fact]
    public async Task Every_modal_invocation_so_far_was_allow_listed_including_this_tests_own()
    {
        fx.Modal.Scenario = "ok";
        fx.Modal.AddCheckpoint(SeedRunName, "latest.pt", 1024);
        var before = fx.Modal.OwnInvocations.Count;
        await fx.Server.CallAsync("get_app_status", null, TestContext.Current.CancellationToken);
        await fx.Server.CallAsync("check_training", new() { ["run"] = SeedRunId, ["include_checkpoints"] = true }, TestContext.Current.CancellationToken);
        await fx.Server.CallAsync("pull_checkpoint", new() { ["run"] = SeedRunId, ["overwrite"] = true }, TestContext.Current.CancellationToken);

        var mine = fx.Modal.OwnInvocations.Skip(before).Select(a => string.Join(' ', a.Take(2))).ToList();
        Assert.Contains("app list", mine);
        Assert.Contains("volume ls", mine);
        Assert.Contains("volume get", mine);
        var suite = File.ReadAllLines(FakeModal.SuiteArgvLog);
        Assert.True(suite.Length >= mine.Count, "the suite log misses this test's own invocations");
        FakeModal.AssertOnlyAllowListed();
        FakeModal.AssertNoSecretsInherited();

        // The check itself can fail: a write command is not on the list.
        Assert.True(FakeModal.IsAllowListed(["app", "list", "--json"]));
        Assert.False(FakeModal.IsAllowListed(["app", "stop", "ap-AbCdEfGhIjKlMnOpQrStUv"]));
        Assert.False(FakeModal.IsAllowListed(["volume", "get", "--force", "--", "v", "p", "/tmp/x"]));
    }
}
