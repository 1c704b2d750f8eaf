using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace CheckTraining.Mcp.Hosting.Cli;

/// <summary>
/// One line per entry, <c>HH:mm:ss level: category[event] message</c> (an exception follows on the same line, as its types and messages), the
/// shape of the console logger's single-line simple format. Built directly, not resolved: the built-in formatters each
/// bring an options monitor whose generic types Native AOT loads at run time, a quarter of the server's start-up.
/// </summary>
internal sealed class StderrLineFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "stderr-line";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTime.Now.ToString("HH:mm:ss ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write("] ");
        textWriter.Write(OneLine(message));
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write(' ');
            textWriter.Write(OneLine(Describe(exception)));
        }

        textWriter.Write(Environment.NewLine);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>Each exception of the chain as "Type: message", never a stack trace (stderr is read by people and clients' logs).</summary>
    internal static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (Exception? e = exception; e is not null && parts.Count < 5; e = e.InnerException)
        {
            parts.Add($"{e.GetType().FullName}: {e.Message}");
        }

        return string.Join(" ---> ", parts);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}

/// <summary>Console logger options that never change, for the logger built without the options framework.</summary>
internal sealed class FixedConsoleLoggerOptions(ConsoleLoggerOptions value) : Microsoft.Extensions.Options.IOptionsMonitor<ConsoleLoggerOptions>
{
    public ConsoleLoggerOptions CurrentValue => value;

    public ConsoleLoggerOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<ConsoleLoggerOptions, string?> listener) => null;
}
