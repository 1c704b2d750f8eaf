using CheckTraining.Mcp.Hosting.Stdio;
using Microsoft.Extensions.Hosting;

namespace CheckTraining.Mcp.Hosting;

/// <summary>
/// The default host: MCP over stdin/stdout, each message bounded by Stdio:MaxMessageBytes. stdout carries only JSON-RPC;
/// every log line goes to stderr.
/// </summary>
internal static class StdioHost
{
    public static Task RunAsync(string[] args)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigurationSetup.Apply(builder.Configuration, args);
        builder.Logging.AddStderrLogging(builder.Configuration);
        builder.Services.AddCheckTraining(builder.Configuration).WithBoundedStdioTransport(builder.Configuration);
        var host = builder.Build();
        return host.RunAsync();
    }
}
