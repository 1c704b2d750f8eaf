using CheckTraining.Mcp.Hosting;
using Microsoft.Extensions.Options;

// stdio by default; `--http` (or --transport http / CHECKTRAINING_Transport=http) serves Streamable HTTP + legacy SSE.
var http = args.Contains("--http") || TransportArgument(args) == "http"
           || string.Equals(Environment.GetEnvironmentVariable("CHECKTRAINING_Transport"), "http", StringComparison.OrdinalIgnoreCase);
var hostArgs = args.Where(a => a is not ("--http" or "--stdio")).ToArray();

try
{
    await (http ? HttpHost.RunAsync(hostArgs) : StdioHost.RunAsync(hostArgs));
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

static string? TransportArgument(string[] args)
{
    var i = Array.IndexOf(args, "--transport");
    return i >= 0 && i + 1 < args.Length ? args[i + 1].ToLowerInvariant() : null;
}
