using System.Net.Http.Headers;
using System.Text;
using CheckTraining.Mcp.Configuration;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Wandb;

/// <summary>Adds <c>Authorization: Basic api:&lt;key&gt;</c>, but only to requests under the API base URL (never to other hosts).</summary>
/// <remarks>The key is the one the request was made for (<see cref="ApiKeyOption"/>), else the provider's.</remarks>
internal sealed class WandbAuthHandler(WandbApiKeyProvider keys, IOptions<WandbOptions> options) : DelegatingHandler
{
    /// <summary>Set by the client, so a read keeps its caller's key even when a cache runs it on another flow.</summary>
    internal static readonly HttpRequestOptionsKey<string> ApiKeyOption = new("CheckTraining.WandbApiKey");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && IsUnderBase(uri, options.Value.BaseUrl))
        {
            var key = request.Options.TryGetValue(ApiKeyOption, out var own) ? own : keys.GetRequiredKey();
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("api:" + key));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }

        return base.SendAsync(request, cancellationToken);
    }

    internal static bool IsUnderBase(Uri uri, string baseUrl) =>
        Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var root)
        && root.IsBaseOf(uri)
        && string.Equals(root.Authority, uri.Authority, StringComparison.OrdinalIgnoreCase)
        && root.Scheme == uri.Scheme;
}
