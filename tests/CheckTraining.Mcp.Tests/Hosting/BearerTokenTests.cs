using System.Net;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>Token mode's shared secret as people paste it: from an env file or a secret store, with its newline.</summary>
public sealed class BearerTokenTests
{
    [Fact]
    public async Task A_configured_token_with_a_trailing_newline_still_lets_its_holders_in()
    {
        const string token = "0123456789abcdef0123456789abcdef-team";
        await using var server = await HttpServerProcess.StartAsync(new Dictionary<string, string?> { ["CHECKTRAINING_Http__BearerToken"] = token + "\n" });
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, token), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, token + "x"), TestContext.Current.CancellationToken)).StatusCode);
    }
}
