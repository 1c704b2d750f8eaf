using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using ModelContextProtocol;

namespace CheckTraining.Mcp.Hosting.Cli;

/// <summary>
/// A JSON-RPC error answered to a client's mistake (an unknown tool name, bad params: an <see cref="McpProtocolException"/>)
/// is the client's problem, not the server's. The SDK logs it twice with its stack trace (as an error where the tool is
/// looked up, then as a warning where the request ends); this keeps it to one warning line with the error's code and
/// message. A fault outside the server (<see cref="IOneLineFault"/>) is one line too. Every other exception is logged in full.
/// </summary>
internal sealed class ClientMistakeLoggerProvider(ILoggerProvider inner) : ILoggerProvider
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Exception, object> _logged = [];

    public ILogger CreateLogger(string categoryName) => new Logger(inner.CreateLogger(categoryName), _logged);

    public void Dispose() => inner.Dispose();

    /// <summary>
    /// The stderr console logger (every level to stderr: stdout carries JSON-RPC in stdio mode), one line per entry,
    /// wrapped. Built directly, with fixed options (<see cref="StderrLineFormatter"/> says why).
    /// </summary>
    public static void Register(ILoggingBuilder logging) =>
        logging.Services.AddSingleton<ILoggerProvider>(_ => new ClientMistakeLoggerProvider(new ConsoleLoggerProvider(
            new FixedConsoleLoggerOptions(new ConsoleLoggerOptions
            {
                FormatterName = StderrLineFormatter.FormatterName,
                LogToStandardErrorThreshold = LogLevel.Trace,
            }),
            [new StderrLineFormatter()])));

    private sealed class Logger(ILogger inner, System.Runtime.CompilerServices.ConditionalWeakTable<Exception, object> logged) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is McpProtocolException protocol)
            {
                if (logged.TryAdd(protocol, protocol)) // the same exception instance, rethrown, is not logged again
                {
                    var level = logLevel > LogLevel.Warning ? LogLevel.Warning : logLevel;
                    inner.Log(level, eventId, state, null, (s, _) => $"{formatter(s, null)} {(int)protocol.ErrorCode}: {protocol.Message}");
                }

                return;
            }

            if (exception is IOneLineFault fault)
            {
                var message = exception.Message;
                inner.Log(fault.IsRepeat ? LogLevel.Debug : LogLevel.Warning, eventId, state, null, (s, _) => $"{formatter(s, null)} {message}");
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
