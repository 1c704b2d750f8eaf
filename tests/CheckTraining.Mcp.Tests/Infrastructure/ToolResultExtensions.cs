using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tests.Infrastructure;

internal static class ToolResultExtensions
{
    public static string Text(this CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    public static JsonElement Structured(this CallToolResult result)
    {
        Xunit.Assert.False(result.IsError == true, "tool returned an error: " + result.Text());
        Xunit.Assert.NotNull(result.StructuredContent);
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }

    public static string ErrorText(this CallToolResult result)
    {
        Xunit.Assert.True(result.IsError == true, "expected an error, got: " + result.Text());
        var text = result.Text();
        Xunit.Assert.DoesNotContain("   at ", text); // never a stack trace
        Xunit.Assert.DoesNotContain(FakeWandbServer.ApiKey, text); // never the key
        return text;
    }

    /// <summary>Results leave null properties out (their schemas say optional), so "no value" is absent or null.</summary>
    public static bool IsAbsentOrNull(this System.Text.Json.JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == System.Text.Json.JsonValueKind.Null;
}
