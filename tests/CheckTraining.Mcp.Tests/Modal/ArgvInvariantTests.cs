using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Modal;

[Collection(ModalCollection.Name)]
public sealed class ArgvInvariantTests
{
    [Fact]
    public void Every_modal_invocation_so_far_was_allow_listed()
    {
        FakeModal.AssertOnlyAllowListed();
        FakeModal.AssertNoSecretsInherited();
        Assert.True(FakeModal.IsAllowListed(["app", "list", "--json"]));
        Assert.False(FakeModal.IsAllowListed(["app", "stop", "ap-AbCdEfGhIjKlMnOpQrStUv"]));
    }
}
