using CheckTraining.Mcp.Hosting.Cli;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>The stderr log shape: one line per entry, whatever the message or exception holds.</summary>
public sealed class StderrLineFormatterTests
{
    [Fact]
    public void An_entry_is_one_line_with_time_level_category_and_event()
    {
        var line = Format(LogLevel.Warning, "Redis cache unavailable", null);
        Assert.Matches(@"^\d\d:\d\d:\d\d warn: Test\.Category\[7\] Redis cache unavailable\r?\n$", line);
    }

    [Fact]
    public void A_multi_line_message_and_its_exception_stay_on_one_line()
    {
        var line = Format(LogLevel.Error, "first\nsecond", new InvalidOperationException("boom\nmore"));
        Assert.Single(line.TrimEnd().Split('\n'));
        Assert.Contains("fail: Test.Category[7] first second System.InvalidOperationException: boom more", line);
    }

    private static string Format(LogLevel level, string message, Exception? exception)
    {
        var writer = new StringWriter();
        new StderrLineFormatter().Write(
            new LogEntry<string>(level, "Test.Category", new EventId(7), message, exception, (s, _) => s), null, writer);
        return writer.ToString();
    }
}
