using System.Text.Json;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>The server's audit lines (one JSON object per tool call on stderr), read as they arrive.</summary>
public static class AuditLines
{
    public static List<JsonElement> Of(HttpServerProcess server) =>
        server.StderrLines.Where(l => l.StartsWith("{\"audit\":", StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    /// <summary>Waits (up to 10 s) for <paramref name="count"/> audit lines: stderr is read asynchronously.</summary>
    public static async Task<List<JsonElement>> WaitForAsync(HttpServerProcess server, int count = 1)
    {
        for (var i = 0; i < 200; i++)
        {
            var lines = Of(server);
            if (lines.Count >= count)
            {
                return lines;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no audit line arrived; stderr:\n" + string.Join('\n', server.StderrLines));
    }

    /// <summary>The first audit line that matches, waiting up to 10 s for it (a shared server holds other tests' lines too).</summary>
    public static async Task<JsonElement> WaitForAsync(HttpServerProcess server, Func<JsonElement, bool> match)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Of(server).Where(match).Select(l => (JsonElement?)l).FirstOrDefault() is { } line)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no matching audit line arrived; stderr:\n" + string.Join('\n', server.StderrLines));
    }
}
