using CheckTraining.Mcp.Hosting.Cli;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// oauth mode: the issuer's metadata and keys, with a failure to fetch them remembered for <see cref="FailureMemory"/>,
/// so while the issuer is unreachable every caller is answered 503 at once instead of each waiting out its own fetch.
/// </summary>
internal sealed class RememberingIssuerConfiguration(IConfigurationManager<OpenIdConnectConfiguration> inner, TimeProvider clock)
    : IConfigurationManager<OpenIdConnectConfiguration>
{
    public static readonly TimeSpan FailureMemory = TimeSpan.FromSeconds(5);

    private volatile Failure? _failure;

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        if (_failure is { } known && known.Until > clock.GetUtcNow())
        {
            throw new IssuerUnavailableException(known.Error, repeat: true);
        }

        try
        {
            var configuration = await inner.GetConfigurationAsync(cancel);
            _failure = null;
            return configuration;
        }
        catch (Exception ex) when (!cancel.IsCancellationRequested)
        {
            _failure = new Failure(ex, clock.GetUtcNow() + FailureMemory);
            throw new IssuerUnavailableException(ex, repeat: false);
        }
    }

    public void RequestRefresh() => inner.RequestRefresh();

    private sealed record Failure(Exception Error, DateTimeOffset Until);
}

/// <summary>The token issuer's metadata or keys could not be fetched: the caller gets 503, the log one line.</summary>
internal sealed class IssuerUnavailableException(Exception inner, bool repeat)
    : Exception($"The token issuer's metadata or keys could not be fetched (Http:Auth:Authority): {inner.GetBaseException().Message}", inner),
        IOneLineFault
{
    public bool IsRepeat { get; } = repeat;
}
