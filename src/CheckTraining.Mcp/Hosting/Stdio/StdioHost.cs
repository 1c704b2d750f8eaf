using CheckTraining.Mcp.Hosting.Cli;
using Microsoft.Extensions.Hosting;

namespace CheckTraining.Mcp.Hosting.Stdio;

/// <summary>
/// The default host: MCP over stdin/stdout, each message bounded by Stdio:MaxMessageBytes. stdout carries only JSON-RPC;
/// every log line goes to stderr.
/// </summary>
internal static class StdioHost
{
    /// <summary>Said once on stderr when a person, not a client, started the server (stdin is a terminal).</summary>
    public const string WaitingLine = "check-training: waiting for an MCP client on stdin; see --help";

    public static Task RunAsync(string[] args)
    {
        if (!Console.IsInputRedirected)
        {
            // `dotnet run` in a terminal would otherwise sit silent. A client pipes stdin, so it never sees this line.
            Console.Error.WriteLine(WaitingLine);
        }

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
