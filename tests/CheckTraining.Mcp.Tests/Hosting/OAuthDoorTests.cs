using System.Net;
using CheckTraining.Mcp.Tests.Infrastructure;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>
/// oauth mode's door: an address that keeps presenting tokens that fail is answered 429 with Retry-After before its
/// next token is even validated; another client behind the same trusted proxy keeps its own budget.
/// </summary>
public sealed class OAuthDoorTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private FakeWandbServer _wandb = null!;

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

    [Fact]
    public async Task Failing_tokens_from_one_address_are_answered_429_with_Retry_After_and_another_client_still_gets_in()
    {
        await using var server = await OAuthFixture.StartServerAsync(_issuer, _wandb,
            "--Http:RateLimit:UnauthenticatedPerMinute=3", "--Http:TrustedProxies=127.0.0.1");
        var audience = server.Url + "/mcp";
        using var http = new HttpClient();
        async Task<HttpResponseMessage> FromAsync(string client, string token)
        {
            var request = AuditAndRateLimitTests.Initialize(server.Url, token);
            request.Headers.Add("X-Forwarded-For", client);
            return await http.SendAsync(request, TestContext.Current.CancellationToken);
        }

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await FromAsync("203.0.113.7", _issuer.Mint(audience, SigningKey.NewRsa())); // signed by a key the issuer never published
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.InRange(last!.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Contains("Http:RateLimit:UnauthenticatedPerMinute", await last.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // Out of permits, the address waits even with a good token (it is refused before validation); another client does not.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FromAsync("203.0.113.7", _issuer.Mint(audience))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FromAsync("203.0.113.8", _issuer.Mint(audience))).StatusCode);
        Assert.Empty(_wandb.Requests); // a token is never passed to W&B, and nothing was read for the refused ones
    }

    [Fact]
    public async Task Behind_a_wildcard_listen_address_the_401_names_the_audiences_origin_never_the_Host_header()
    {
        var port = HttpServerProcess.FreePort();
        await using var server = await OAuthFixture.StartServerAsync(_issuer, _wandb, $"--Http:Url=http://0.0.0.0:{port}",
            "--Http:Auth:Audience=https://mcp.example.com/mcp", "--Http:AllowedHosts=mcp.example.com;internal.example");
        using var http = new HttpClient();
        var request = AuditAndRateLimitTests.Initialize($"http://127.0.0.1:{port}", null);
        request.Headers.Host = "internal.example"; // a name the proxy also forwards, which is not the one clients use
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer resource_metadata=\"https://mcp.example.com/.well-known/oauth-protected-resource/mcp\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Behind_a_wildcard_listen_address_an_audience_that_is_no_URL_needs_Http_PublicUrl_to_start()
    {
        var (exitCode, stderr) = await RefusedStart.RunAsync(McpServerProcess.WandbEnvironment(_wandb), "--Http:Auth:Mode=oauth",
            $"--Http:Auth:Authority={_issuer.Url}", $"--Http:Url=http://0.0.0.0:{HttpServerProcess.FreePort()}", "--Http:Auth:Audience=api://check-training");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Http:PublicUrl", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
