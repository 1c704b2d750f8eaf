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
        return await Eventually.HoldsAsync(() => Of(server).Count >= count, TimeSpan.FromSeconds(10))
            ? Of(server)
            : throw new TimeoutException("no audit line arrived; stderr:\n" + string.Join('\n', server.StderrLines));
    }

    /// <summary>The first audit line that matches, waiting up to 10 s for it (a shared server holds other tests' lines too).</summary>
    public static async Task<JsonElement> WaitForAsync(HttpServerProcess server, Func<JsonElement, bool> match)
    {
        JsonElement? found = null;
        return await Eventually.HoldsAsync(() => (found = Of(server).Where(match).Select(l => (JsonElement?)l).FirstOrDefault()) is not null, TimeSpan.FromSeconds(10))
            ? found!.Value
            : throw new TimeoutException("no matching audit line arrived; stderr:\n" + string.Join('\n', server.StderrLines));
    }
}
