using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

var builder = Host.CreateEmptyApplicationBuilder(settings: null);
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Services.AddMcpServer().WithStdioServerTransport().WithTools<TrivialTools>();
await builder.Build().RunAsync();

/// <summary>Four trivial tools, the size of this project's catalogue.</summary>
[McpServerToolType]
internal sealed class TrivialTools
{
    [McpServerTool(Name = "echo"), Description("Echoes the text.")]
    public static string Echo([Description("Text")] string text) => text;

    [McpServerTool(Name = "add"), Description("Adds two numbers.")]
    public static int Add([Description("A")] int a, [Description("B")] int b) => a + b;

    [McpServerTool(Name = "now"), Description("The time.")]
    public static string Now() => DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    [McpServerTool(Name = "length"), Description("Length of the text.")]
    public static int Length([Description("Text")] string text) => text.Length;
}
