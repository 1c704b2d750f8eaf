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

    [Fact]
    public void A_thrown_exception_shows_its_chain_of_messages_and_no_stack_trace()
    {
        Exception thrown;
        try
        {
            try
            {
                throw new System.Net.Sockets.SocketException(98);
            }
            catch (Exception inner)
            {
                throw new IOException("Failed to bind to address http://127.0.0.1:1: address already in use.", inner);
            }
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        var line = Format(LogLevel.Error, "Hosting failed to start", thrown);
        Assert.Contains("System.IO.IOException: Failed to bind to address http://127.0.0.1:1: address already in use. ---> System.Net.Sockets.SocketException: ", line);
        Assert.DoesNotContain(" at ", line);
        Assert.DoesNotContain(nameof(A_thrown_exception_shows_its_chain_of_messages_and_no_stack_trace), line);
    }

    private static string Format(LogLevel level, string message, Exception? exception)
    {
        var writer = new StringWriter();
        new StderrLineFormatter().Write(
            new LogEntry<string>(level, "Test.Category", new EventId(7), message, exception, (s, _) => s), null, writer);
        return writer.ToString();
    }
}
