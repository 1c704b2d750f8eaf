using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// A token issuer on loopback for the oauth tests: signing keys generated here (RSA and P-256), its JWKS and its
/// metadata (OpenID discovery, or RFC 8414 only) served over real HTTP, and tokens minted by hand so a test can
/// make every kind of bad one (wrong audience, expired, unpublished key, alg none, ...).
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<SigningKey> _published = [];

    private TestIssuer(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    /// <summary>How many times the JWKS was fetched (rotation makes the server fetch it again).</summary>
    public int JwksFetches { get; private set; }

    /// <summary>True: every request (metadata, keys) hangs until the caller gives up, as a stalled issuer does.</summary>
    public volatile bool Hangs;

    private int _requests;

    /// <summary>Every request the issuer received, hanging or not.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public SigningKey Rsa { get; private set; } = null!;

    public SigningKey EcKey { get; private set; } = null!;

    /// <param name="openIdDiscovery">False serves only RFC 8414 metadata (/.well-known/oauth-authorization-server).</param>
    public static async Task<TestIssuer> StartAsync(bool openIdDiscovery = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var issuer = new TestIssuer(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref issuer._requests);
            if (issuer.Hangs)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await next();
        });
        issuer.Rsa = SigningKey.NewRsa();
        issuer.EcKey = SigningKey.NewEc();
        issuer._published.AddRange([issuer.Rsa, issuer.EcKey]);
        app.MapGet(openIdDiscovery ? "/.well-known/openid-configuration" : "/.well-known/oauth-authorization-server", () => Results.Text(
            new JsonObject
            {
                ["issuer"] = issuer.Url, ["jwks_uri"] = issuer.Url + "/jwks", ["authorization_endpoint"] = issuer.Url + "/authorize",
                ["token_endpoint"] = issuer.Url + "/token", ["response_types_supported"] = new JsonArray("code"),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256", "ES256"),
            }.ToJsonString(), "application/json"));
        app.MapGet("/jwks", () =>
        {
            issuer.JwksFetches++;
            lock (issuer._published)
            {
                return Results.Text(new JsonObject { ["keys"] = new JsonArray(issuer._published.Select(k => (JsonNode)k.Jwk()).ToArray()) }.ToJsonString(), "application/json");
            }
        });
        await app.StartAsync();
        issuer.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return issuer;
    }

    /// <summary>Publishes a new RSA key and withdraws the old one, as an issuer rotates.</summary>
    public SigningKey Rotate()
    {
        lock (_published)
        {
            var next = SigningKey.NewRsa();
            _published.Remove(Rsa);
            _published.Add(next);
            Rsa = next;
            return next;
        }
    }

    /// <summary>A token with the usual claims; <paramref name="change"/> edits the payload before signing.</summary>
    public string Mint(string audience, SigningKey? key = null, string scope = "mcp:read", string subject = "alice",
        Action<JsonObject>? change = null, string? alg = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["iss"] = Url, ["sub"] = subject, ["aud"] = audience, ["scope"] = scope, ["iat"] = now, ["nbf"] = now - 5, ["exp"] = now + 600,
        };
        change?.Invoke(payload);
        return Sign(payload, key ?? Rsa, alg);
    }

    public static string Sign(JsonObject payload, SigningKey key, string? alg = null)
    {
        var header = new JsonObject { ["alg"] = alg ?? key.Alg, ["typ"] = "JWT", ["kid"] = key.Kid };
        var input = B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + B64(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return alg == "none" ? input + "." : input + "." + B64(key.Sign(Encoding.ASCII.GetBytes(input)));
    }

    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One signing key and its public JWK.</summary>
public sealed class SigningKey
{
    private readonly RSA? _rsa;
    private readonly ECDsa? _ec;

    private SigningKey(RSA? rsa, ECDsa? ec)
    {
        (_rsa, _ec) = (rsa, ec);
        Kid = Guid.NewGuid().ToString("N")[..12];
    }

    public string Kid { get; }

    public string Alg => _rsa is not null ? "RS256" : "ES256";

    public static SigningKey NewRsa() => new(RSA.Create(2048), null);

    public static SigningKey NewEc() => new(null, ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public byte[] Sign(byte[] data) => _rsa is not null
        ? _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        : _ec!.SignData(data, HashAlgorithmName.SHA256); // IEEE P1363 (r||s), as JWS wants

    public JsonObject Jwk()
    {
        if (_rsa is not null)
        {
            var p = _rsa.ExportParameters(false);
            return new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = Kid, ["n"] = TestIssuer.B64(p.Modulus!), ["e"] = TestIssuer.B64(p.Exponent!) };
        }

        var q = _ec!.ExportParameters(false).Q;
        return new JsonObject { ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = Kid, ["crv"] = "P-256", ["x"] = TestIssuer.B64(q.X!), ["y"] = TestIssuer.B64(q.Y!) };
    }
}
