using System.Diagnostics;
using CheckTraining.Mcp.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkiaSharp;

namespace CheckTraining.Mcp.Tests.Plots;

/// <summary>
/// The Docker target's terms: runtime-deps and distroless images have no fonts, and SkiaSharp then draws no text and
/// says nothing. The server runs here with /usr/share/fonts hidden (a private mount namespace with an empty tmpfs over
/// it), and the chart's title must still be drawn.
/// </summary>
public sealed class FontlessContainerTests(WandbServerFixture fx) : IClassFixture<WandbServerFixture>
{
    private const string HideFonts = "mount -t tmpfs tmpfs /usr/share/fonts && test -z \"$(ls /usr/share/fonts)\" && exec \"$0\" \"$@\"";

    [Fact]
    public async Task Chart_text_renders_with_no_system_fonts()
    {
        Assert.SkipUnless(CanHideFonts(), "needs root and unshare (CI runs as root) to hide the system fonts");
        var (command, arguments) = RepoPaths.ServerLaunch;
        var env = McpServerProcess.WandbEnvironment(fx.Wandb);
        env["HOME"] = Path.GetTempPath();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "fontless",
            Command = "unshare",
            Arguments = ["-m", "sh", "-c", HideFonts, command, .. arguments],
            EnvironmentVariables = env,
        });
        await using var client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = McpServerProcess.ClassicProtocol },
            cancellationToken: TestContext.Current.CancellationToken);
        var result = await client.CallToolAsync("plot_run", new Dictionary<string, object?> { ["run"] = WandbFixtures.FinishedRunId },
            cancellationToken: TestContext.Current.CancellationToken);

        var png = Assert.Single(result.Content.OfType<ImageContentBlock>()).DecodedData.ToArray();
        using var bitmap = SKBitmap.Decode(png);
        // The title's first line sits above the top panel's frame: with no text, this band is white.
        Assert.True(DarkPixels(bitmap, top: 3, bottom: 21) > 200, "the title band is blank: text did not render without system fonts");
    }

    private static int DarkPixels(SKBitmap bitmap, int top, int bottom)
    {
        var count = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = 150; x < bitmap.Width - 150; x++)
            {
                var c = bitmap.GetPixel(x, y);
                count += c.Red + c.Green + c.Blue < 200 ? 1 : 0;
            }
        }

        return count;
    }

    private static bool CanHideFonts()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", ["-m", "sh", "-c", "mount -t tmpfs tmpfs /usr/share/fonts"]) { RedirectStandardError = true })!;
            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
