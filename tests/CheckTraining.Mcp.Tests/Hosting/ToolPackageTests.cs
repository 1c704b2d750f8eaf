using System.IO.Compression;
using System.Xml.Linq;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>
/// The one-line install, as a user runs it: `dotnet tool exec` (what dnx runs) from a local feed that build/pack-tool
/// filled, then tools/list over stdio. Runs when CHECKTRAINING_TOOL_FEED names that feed (CI sets it).
/// </summary>
public sealed class ToolPackageTests
{
    private static readonly string? Feed = Environment.GetEnvironmentVariable("CHECKTRAINING_TOOL_FEED");

    private static string Version => typeof(Mcp.Hosting.CheckTrainingServices).Assembly.GetName().Version!.ToString(3);

    [Fact]
    public async Task dnx_from_a_local_feed_serves_the_tools()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(Feed), "set CHECKTRAINING_TOOL_FEED to a feed made by build/pack-tool");
        var cache = Directory.CreateTempSubdirectory("checktraining-nuget-").FullName; // a clean cache: nothing stale is run
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "dnx",
            Command = "dotnet",
            Arguments = ["tool", "exec", $"CheckTraining.Mcp@{Version}", "--add-source", Feed!, "--yes", "--"],
            EnvironmentVariables = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = cache, ["WANDB_API_KEY"] = null },
        });
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = McpServerProcess.ClassicProtocol },
            cancellationToken: TestContext.Current.CancellationToken);
        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(tools, t => t.Name == "check_training");

        // This machine's RID package was chosen, and it is the native binary, not the framework-dependent fallback.
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        var exe = Path.Combine(cache, $"checktraining.mcp.{rid}", Version, "tools", "any", rid, "CheckTraining.Mcp");
        Assert.True(File.Exists(exe), "expected the Native AOT package at " + exe);
        Assert.Equal("\u007fELF", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(exe), 0, 4));
        // plot_run's native libraries and fonts travel with the binary.
        foreach (var file in new[] { "libSkiaSharp.so", "libHarfBuzzSharp.so", Path.Combine("Fonts", "DejaVuSans.ttf"), Path.Combine("Fonts", "DejaVuSans-Bold.ttf") })
        {
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(exe)!, file)), file + " is missing from the package");
        }
    }

    [Fact]
    public void The_pointer_package_is_an_MCP_server_naming_every_RID_and_its_settings()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(Feed), "set CHECKTRAINING_TOOL_FEED to a feed made by build/pack-tool");
        using var zip = ZipFile.OpenRead(Path.Combine(Feed!, $"CheckTraining.Mcp.{Version}.nupkg"));
        var nuspec = XDocument.Load(zip.GetEntry("CheckTraining.Mcp.nuspec")!.Open());
        var types = nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => e.Attribute("name")!.Value).ToList();
        Assert.Contains("McpServer", types);
        Assert.Contains("DotnetTool", types);

        var settings = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal)).Open());
        var rids = settings.Descendants("RuntimeIdentifierPackage").Select(e => e.Attribute("RuntimeIdentifier")!.Value).ToList();
        Assert.Equal(["linux-x64", "linux-arm64", "osx-arm64", "win-x64", "any"], rids);

        using var reader = new StreamReader(zip.GetEntry(".mcp/server.json")!.Open());
        var server = System.Text.Json.JsonDocument.Parse(reader.ReadToEnd()).RootElement;
        var package = server.GetProperty("packages")[0];
        Assert.Equal(Version, server.GetProperty("version").GetString());
        Assert.Equal(Version, package.GetProperty("version").GetString());
        Assert.Equal("CheckTraining.Mcp", package.GetProperty("identifier").GetString());
        var variables = package.GetProperty("environmentVariables").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.Contains("WANDB_API_KEY", variables);
        Assert.Contains("WANDB_PROJECT", variables);
        Assert.Contains("CHECKTRAINING_Modal__CliPath", variables);
    }
}
