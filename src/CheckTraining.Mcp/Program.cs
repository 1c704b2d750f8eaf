using CheckTraining.Mcp.Hosting.Cli;
using CheckTraining.Mcp.Hosting.Http;
using CheckTraining.Mcp.Hosting.Stdio;
using Microsoft.Extensions.Options;

// stdio by default; `--http` (or --transport http / CHECKTRAINING_Transport=http) serves Streamable HTTP.
var command = CommandLine.Parse(args, Environment.GetEnvironmentVariable("CHECKTRAINING_Transport"));
if (command.Unknown is { } unknown)
{
    await Console.Error.WriteLineAsync($"check-training: unknown option '{unknown}'. Run with --help for the options.");
    return 2;
}

if (command.Help)
{
    Console.Out.Write(CommandLine.Usage); // only when asked: no MCP session is running
    return 0;
}

if (command.Version)
{
    Console.Out.WriteLine(typeof(CommandLine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
    return 0;
}

try
{
    await (command.Http ? HttpHost.RunAsync(command.HostArgs) : StdioHost.RunAsync(command.HostArgs));
    return 0;
}
catch (OptionsValidationException ex)
{
    // A clear configuration message on stderr, no stack trace: stdout belongs to JSON-RPC.
    await Console.Error.WriteLineAsync("check-training: configuration error:\n  " + string.Join("\n  ", ex.Failures));
    return 2;
}
catch (OptionsConfigurationException ex)
{
    await Console.Error.WriteLineAsync("check-training: configuration error:\n  " + ex.Message);
    return 2;
}
