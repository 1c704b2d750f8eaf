using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Hosting.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Hosting.Stdio;

internal static class BoundedStdioRegistration
{
    /// <summary>
    /// The SDK's single-session stdio hosting (its hosted service and server), with <see cref="BoundedStreamServerTransport"/>
    /// as the transport. <paramref name="streams"/> defaults to stdin and stdout; tests pass pipes.
    /// </summary>
    public static IMcpServerBuilder WithBoundedStdioTransport(this IMcpServerBuilder builder, IConfiguration configuration,
        Func<(Stream Input, Stream Output)>? streams = null)
    {
        var stdio = SettingsRegistration.Bind(() => configuration.GetSection(StdioOptions.Section).Get<StdioOptions>()) ?? new();
        if (stdio.MaxMessageBytes < 1024)
        {
            throw new OptionsConfigurationException(
                $"Stdio:MaxMessageBytes (CHECKTRAINING_Stdio__MaxMessageBytes) must be at least 1024; got {stdio.MaxMessageBytes}.");
        }

        builder.WithStdioServerTransport(); // the hosted service and the server; its transport is replaced below, before anything resolves it
        builder.Services.RemoveAll<ITransport>();
        builder.Services.AddSingleton<ITransport>(sp =>
        {
            var (input, output) = streams?.Invoke() ?? (Console.OpenStandardInput(), new BufferedStream(Console.OpenStandardOutput()));
            return new BoundedStreamServerTransport(input, output, stdio.MaxMessageBytes, sp.GetService<ILoggerFactory>());
        });
        return builder;
    }
}
