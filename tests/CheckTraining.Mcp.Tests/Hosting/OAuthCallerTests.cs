using System.Diagnostics;
using System.Net;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>
/// oauth mode's callers beyond the happy path: a stalled issuer, tokens without <c>sub</c>, the challenge's metadata URL.
/// The failure memory's expiry and the recovery after it are on the fake clock (RememberingIssuerConfigurationTests).
/// </summary>
public sealed class OAuthCallerTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private FakeWandbServer _wandb = null!;

    private string Audience(HttpServerProcess server) => server.Url + "/mcp";

    public async ValueTask InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
    }

    public async ValueTask DisposeAsync()
    {
        await _wandb.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> InitializeAsync(HttpServerProcess server, string? token)
    {
        using var http = new HttpClient();
        return await http.SendAsync(AuditAndRateLimitTests.Initialize(server.Url, token), Ct);
    }

    [Fact]
    public async Task A_stalled_issuer_gets_503_with_Retry_After_and_is_remembered_with_one_log_line()
    {
        _issuer.Hangs = true;
        await using var server = await OAuthFixture.StartServerAsync(_issuer, _wandb);
        var token = _issuer.Mint(Audience(server));

        var first = Stopwatch.StartNew();
        var stalled = await InitializeAsync(server, token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stalled.StatusCode);
        Assert.NotNull(stalled.Headers.RetryAfter);
        Assert.Contains("Http:Auth:Authority", await stalled.Content.ReadAsStringAsync(Ct));
        Assert.InRange(first.Elapsed.TotalSeconds, 0, 20); // two 5 s fetches (OpenID discovery, then RFC 8414), not 2 x 15 s each caller

        var asked = _issuer.Requests;
        var again = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await InitializeAsync(server, token)).StatusCode);
        Assert.Equal(asked, _issuer.Requests); // remembered: the next caller did not wait on the issuer again
        Assert.InRange(again.Elapsed.TotalSeconds, 0, 3);

        Assert.DoesNotContain(server.StderrLines, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.Single(server.StderrLines, l => l.Contains("could not be fetched", StringComparison.Ordinal) && l.Contains("warn", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_token_without_sub_is_named_by_its_client_and_one_naming_nobody_is_refused()
    {
        await using var server = await OAuthFixture.StartServerAsync(_issuer, _wandb);
        var robot = _issuer.Mint(Audience(server), change: p =>
        {
            p.Remove("sub");
            p["azp"] = "ci-robot";
        });
        await using (var client = await TeamClients.ConnectAsync(server.Url, robot))
        {
            Assert.NotEqual(true, (await client.CallToolAsync("list_recent_runs", cancellationToken: Ct)).IsError);
        }

        var audit = await AuditLines.WaitForAsync(server);
        Assert.Equal("client:ci-robot", audit[0].GetProperty("caller").GetString());

        var nobody = _issuer.Mint(Audience(server), change: p => p.Remove("sub"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await InitializeAsync(server, nobody)).StatusCode);

        // Authentication's data protection keeps its keys in memory: no warning about a key ring written unencrypted.
        Assert.DoesNotContain(server.StderrLines, l => l.Contains("DataProtection", StringComparison.Ordinal) || l.Contains("unencrypted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_401_names_the_metadata_at_Http_PublicUrl_whatever_Host_the_request_used()
    {
        await using var server = await OAuthFixture.StartServerAsync(_issuer, _wandb, "--Http:PublicUrl=https://mcp.example.com",
            "--Http:Auth:Audience=https://mcp.example.com/mcp");
        var request = AuditAndRateLimitTests.Initialize(server.Url);
        request.Headers.Host = "localhost:" + new Uri(server.Url).Port;
        using var http = new HttpClient();
        var challenge = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Contains("resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\"", challenge.Headers.WwwAuthenticate.ToString());
    }
}
