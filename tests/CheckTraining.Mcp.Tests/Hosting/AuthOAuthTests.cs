using System.Net;
using System.Text.Json;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Hosting.Http;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;
using static CheckTraining.Mcp.Tests.Infrastructure.WandbFixtures;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>A local issuer, fake W&amp;B and the real server in oauth mode, requiring the scope mcp:read.</summary>
public sealed class OAuthFixture : IAsyncLifetime
{
    public const string Scope = "mcp:read";

    public TestIssuer Issuer { get; private set; } = null!;

    public TestIssuer OtherIssuer { get; private set; } = null!;

    public FakeWandbServer Wandb { get; private set; } = null!;

    public HttpServerProcess Server { get; private set; } = null!;

    public string Audience => Server.Url + "/mcp";

    public async ValueTask InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        OtherIssuer = await TestIssuer.StartAsync();
        Wandb = await FakeWandbServer.StartAsync(Create(DateTimeOffset.UtcNow));
        Server = await StartServerAsync(Issuer, Wandb, $"--Http:Auth:RequiredScope={Scope}");
    }

    public static Task<HttpServerProcess> StartServerAsync(TestIssuer issuer, FakeWandbServer wandb, params string[] args) =>
        HttpServerProcess.StartAsync(McpServerProcess.WandbEnvironment(wandb), ["--Http:Auth:Mode=oauth", $"--Http:Auth:Authority={issuer.Url}", .. args]);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Wandb.DisposeAsync();
        await OtherIssuer.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}

/// <summary>Http:Auth:Mode=oauth: an OAuth 2.1 resource server (MCP authorization 2025-11-25), exercised with a real MCP client.</summary>
public sealed class AuthOAuthTests(OAuthFixture fx) : IClassFixture<OAuthFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<McpClient> ConnectAsync(string url, string token) => await McpClient.CreateAsync(
        new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(url + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        }),
        new McpClientOptions { ProtocolVersion = McpServerProcess.ClassicProtocol }, cancellationToken: Ct);

    private static async Task<HttpResponseMessage> InitializeAsync(string url, string? token)
    {
        using var http = new HttpClient();
        return await http.SendAsync(AuditAndRateLimitTests.Initialize(url, token), Ct);
    }

    [Fact]
    public async Task A_valid_token_works_over_Streamable_HTTP_and_is_never_passed_to_W_and_B()
    {
        var token = fx.Issuer.Mint(fx.Audience, subject: "alice");
        await using var client = await ConnectAsync(fx.Server.Url, token);
        Assert.Equal(9, (await client.ListToolsAsync(cancellationToken: Ct)).Count);
        var before = fx.Wandb.Requests.Count;
        var result = await client.CallToolAsync("get_run_metrics", new Dictionary<string, object?> { ["run"] = FinishedRunId }, cancellationToken: Ct);
        Assert.NotEqual(true, result.IsError);

        var reads = fx.Wandb.Requests.Skip(before).ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, r => Assert.Equal(FakeWandbServer.ApiKey, r.ApiKey)); // the server's own key, not the caller's token
        var audit = (await AuditLines.WaitForAsync(fx.Server)).Last(l => l.GetProperty("tool").GetString() == "get_run_metrics");
        Assert.Equal("alice", audit.GetProperty("caller").GetString());
        Assert.Equal(reads.Count, audit.GetProperty("wandbRequests").GetInt32());
        Assert.DoesNotContain(fx.Server.StderrLines, l => l.Contains(token, StringComparison.Ordinal) || l.Contains(token.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_real_MCP_client_with_an_expired_token_cannot_connect()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var expired = fx.Issuer.Mint(fx.Audience, change: p => { p["iat"] = now - 3600; p["nbf"] = now - 3600; p["exp"] = now - 120; });
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await ConnectAsync(fx.Server.Url, expired));
        Assert.Contains("401", refused.ToString());
    }

    [Fact]
    public async Task An_ES256_token_is_accepted_too()
    {
        var response = await InitializeAsync(fx.Server.Url, fx.Issuer.Mint(fx.Audience, fx.Issuer.EcKey));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> BadTokens => ["wrong audience", "expired", "not yet valid", "unpublished key", "alg none", "another issuer",
        "claims another issuer", "tampered payload", "opaque string", "no token"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_with_the_resource_metadata_address(string kind)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = kind switch
        {
            "wrong audience" => fx.Issuer.Mint("http://127.0.0.1:1/mcp"),
            "expired" => fx.Issuer.Mint(fx.Audience, change: p => { p["iat"] = now - 3600; p["nbf"] = now - 3600; p["exp"] = now - 120; }),
            "not yet valid" => fx.Issuer.Mint(fx.Audience, change: p => p["nbf"] = now + 600),
            "unpublished key" => fx.Issuer.Mint(fx.Audience, SigningKey.NewRsa()),
            "alg none" => fx.Issuer.Mint(fx.Audience, alg: "none"),
            "another issuer" => fx.OtherIssuer.Mint(fx.Audience),
            "claims another issuer" => fx.Issuer.Mint(fx.Audience, change: p => p["iss"] = fx.OtherIssuer.Url),
            "tampered payload" => Tamper(fx.Issuer.Mint(fx.Audience, subject: "alice")),
            "opaque string" => "opaque-0123456789abcdef0123456789abcdef",
            _ => null,
        };
        var response = await InitializeAsync(fx.Server.Url, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"Bearer resource_metadata=\"{fx.Server.Url}/.well-known/oauth-protected-resource/mcp\"", response.Headers.WwwAuthenticate.ToString());
        if (token?.Split('.') is { } parts && parts[^1].Length > 0)
        {
            Assert.DoesNotContain(fx.Server.StderrLines, l => l.Contains(parts[^1], StringComparison.Ordinal)); // a refused token is not logged either
        }
    }

    private static string Tamper(string jwt)
    {
        var parts = jwt.Split('.');
        parts[1] = TestIssuer.B64(System.Text.Encoding.UTF8.GetBytes(
            System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1]))).Replace("alice", "mallory", StringComparison.Ordinal)));
        return string.Join('.', parts);

        static string Pad(string s) => s.Replace('-', '+').Replace('_', '/') + new string('=', (4 - s.Length % 4) % 4);
    }

    [Fact]
    public async Task A_token_without_the_required_scope_gets_403_insufficient_scope()
    {
        var response = await InitializeAsync(fx.Server.Url, fx.Issuer.Mint(fx.Audience, scope: "profile email", subject: "scopeless-bob"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"insufficient_scope\"", challenge);
        Assert.Contains($"scope=\"{OAuthFixture.Scope}\"", challenge);
        Assert.Contains("resource_metadata=", challenge);
        // Written down as refused, under the token's subject (the fixture's server is shared: look for this subject only).
        var line = await AuditLines.WaitForAsync(fx.Server, l => l.GetProperty("caller").GetString() == "scopeless-bob");
        Assert.Equal("forbidden", line.GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource/mcp")]
    [InlineData("/.well-known/oauth-protected-resource")]
    public async Task The_protected_resource_metadata_names_the_resource_issuer_scope_and_header_bearer(string path)
    {
        using var http = new HttpClient();
        var doc = JsonDocument.Parse(await http.GetStringAsync(fx.Server.Url + path, Ct)).RootElement;
        Assert.Equal(fx.Audience, doc.GetProperty("resource").GetString());
        Assert.Equal([fx.Issuer.Url], doc.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([OAuthFixture.Scope], doc.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["header"], doc.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task RFC_8414_metadata_is_enough_and_a_rotated_key_is_picked_up()
    {
        await using var issuer = await TestIssuer.StartAsync(openIdDiscovery: false);
        await using var server = await OAuthFixture.StartServerAsync(issuer, fx.Wandb);
        var audience = server.Url + "/mcp";
        Assert.Equal(HttpStatusCode.OK, (await InitializeAsync(server.Url, issuer.Mint(audience))).StatusCode);

        var old = issuer.Mint(audience);
        issuer.Rotate();
        var fresh = issuer.Mint(audience);
        var status = HttpStatusCode.Unauthorized;
        await Eventually.HoldsAsync( // the unknown key makes the server refetch the JWKS
            async () => (status = (await InitializeAsync(server.Url, fresh)).StatusCode) == HttpStatusCode.OK, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(issuer.JwksFetches >= 2);
        Assert.Equal(HttpStatusCode.Unauthorized, (await InitializeAsync(server.Url, old)).StatusCode); // the withdrawn key is trusted no longer
    }

    [Fact]
    public void Oauth_settings_are_checked_before_start_and_oauth_needs_no_static_token_beyond_loopback()
    {
        static HttpHostOptions OAuth(string url, string authority, string? publicUrl = null) =>
            new() { Url = url, PublicUrl = publicUrl, Auth = { Mode = "oauth", Authority = authority } };

        var plain = Assert.Throws<OptionsConfigurationException>(() => HttpHostSetup.Validate(OAuth("http://0.0.0.0:3001", "http://login.example.com", "https://mcp.example.com")));
        Assert.Contains("http:// is accepted on loopback only", plain.Message);
        var noPublicUrl = Assert.Throws<OptionsConfigurationException>(() => HttpHostSetup.Validate(OAuth("http://0.0.0.0:3001", "https://login.example.com")));
        Assert.Contains("Http:PublicUrl", noPublicUrl.Message);
        Assert.Contains("Http:Auth:Authority", Assert.Throws<OptionsConfigurationException>(() => HttpHostSetup.Validate(OAuth("http://127.0.0.1:3001", ""))).Message);
        Assert.Contains("Http:Auth:Mode", Assert.Throws<OptionsConfigurationException>(() => HttpHostSetup.Validate(new HttpHostOptions { Auth = { Mode = "basic" } })).Message);

        HttpHostSetup.Validate(OAuth("http://0.0.0.0:3001", "https://login.example.com", "https://mcp.example.com")); // no Http:BearerToken needed
        HttpHostSetup.Validate(OAuth("http://127.0.0.1:3001", "http://127.0.0.1:8080/realms/dev"));
    }
}
