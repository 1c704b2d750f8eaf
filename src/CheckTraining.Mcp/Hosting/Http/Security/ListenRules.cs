using CheckTraining.Mcp.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CheckTraining.Mcp.Hosting.Http.Security;

/// <summary>
/// Keeps the loopback rule true of what Kestrel binds, not only of what Http:Url says: Kestrel splits Http:Url on
/// <c>;</c> and lets <c>Kestrel:Endpoints</c> override it, so both are refused before start, and the bound addresses
/// are checked again after start (the host stops if any is beyond loopback without protection).
/// </summary>
internal static class ListenRules
{
    public static void CheckConfiguration(IConfiguration configuration, HttpHostOptions http)
    {
        if (http.Url.Contains(';', StringComparison.Ordinal) || http.Url.Any(char.IsWhiteSpace))
        {
            throw new OptionsConfigurationException(
                $"Http:Url (CHECKTRAINING_Http__Url) must be exactly one URL; got '{http.Url}'. Run one server per address, or listen on " +
                "0.0.0.0 with authentication and let a proxy choose the public addresses.");
        }

        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any() || configuration.GetSection("Kestrel:EndPointDefaults").GetChildren().Any())
        {
            throw new OptionsConfigurationException(
                "Kestrel:Endpoints (CHECKTRAINING_Kestrel__Endpoints__*) is not supported: it would bypass the check that protects every " +
                "address beyond loopback. Remove it and set Http:Url (CHECKTRAINING_Http__Url) to the one address to listen on.");
        }
    }

    /// <summary>Throws when a bound address is beyond loopback and callers are not authenticated.</summary>
    public static void CheckBound(IEnumerable<string> addresses, HttpHostOptions http)
    {
        foreach (var address in addresses)
        {
            var host = Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Host : address;
            if (!HttpHostSetup.IsLoopback(host))
            {
                HttpProtection.RequireBeyondLoopback(http, host);
            }
        }
    }

    /// <summary>Starts the host; an address it cannot bind is a configuration error that names Http:Url, not a crash.</summary>
    private static async Task StartOrExplainAsync(WebApplication app, HttpHostOptions http)
    {
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            throw new OptionsConfigurationException(
                $"Http:Url (CHECKTRAINING_Http__Url) {http.Url}: the address is already in use. Stop what listens there, or choose another port.");
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException socket)
        {
            throw new OptionsConfigurationException($"Http:Url (CHECKTRAINING_Http__Url) {http.Url} cannot be bound: {socket.Message}.");
        }
    }

    /// <summary>Runs the host like RunAsync, but stops it at once if it bound more than the settings allow.</summary>
    public static async Task RunCheckedAsync(this WebApplication app, HttpHostOptions http)
    {
        try
        {
            await StartOrExplainAsync(app, http);
            try
            {
                CheckBound(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [], http);
            }
            catch (OptionsConfigurationException)
            {
                await app.StopAsync();
                throw;
            }

            await app.WaitForShutdownAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
