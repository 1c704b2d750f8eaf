using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CheckTraining.Mcp.Hosting.Cli;

internal static class StderrLogging
{
    /// <summary>All levels to stderr: the console logger's default (stdout) would corrupt the stdio JSON-RPC stream.</summary>
    public static ILoggingBuilder AddStderrLogging(this ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        ClientMistakeLoggerProvider.Register(logging);
        return logging;
    }
}
