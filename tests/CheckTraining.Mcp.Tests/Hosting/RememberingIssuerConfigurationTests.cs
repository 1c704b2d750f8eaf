using CheckTraining.Mcp.Hosting.Http.Auth;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>The issuer's failure memory on the fake clock: remembered for its 5 s, asked again after, recovered when the issuer answers.</summary>
public sealed class RememberingIssuerConfigurationTests
{
    private sealed class ScriptedIssuer : IConfigurationManager<OpenIdConnectConfiguration>
    {
        public bool Down { get; set; } = true;

        public int Asked { get; private set; }

        public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
        {
            Asked++;
            return Down ? Task.FromException<OpenIdConnectConfiguration>(new HttpRequestException("connection timed out"))
                : Task.FromResult(new OpenIdConnectConfiguration { Issuer = "https://issuer.example" });
        }

        public void RequestRefresh()
        {
        }
    }

    [Fact]
    public async Task A_failure_is_remembered_for_its_memory_then_the_issuer_is_asked_again_and_recovery_is_seen()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var issuer = new ScriptedIssuer();
        var remembering = new RememberingIssuerConfiguration(issuer, clock);
        var ct = TestContext.Current.CancellationToken;

        var first = await Assert.ThrowsAsync<IssuerUnavailableException>(() => remembering.GetConfigurationAsync(ct));
        Assert.False(first.IsRepeat);
        Assert.Contains("connection timed out", first.Message);
        Assert.Contains("Http:Auth:Authority", first.Message);

        clock.Advance(RememberingIssuerConfiguration.FailureMemory - TimeSpan.FromMilliseconds(1));
        var repeat = await Assert.ThrowsAsync<IssuerUnavailableException>(() => remembering.GetConfigurationAsync(ct));
        Assert.True(repeat.IsRepeat); // logged at Debug: one warning line per outage
        Assert.Equal(1, issuer.Asked); // remembered: nobody waited on the issuer again

        issuer.Down = false;
        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal("https://issuer.example", (await remembering.GetConfigurationAsync(ct)).Issuer);
        Assert.Equal(2, issuer.Asked);
    }
}
