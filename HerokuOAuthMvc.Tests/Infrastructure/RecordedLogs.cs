using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>Every line the in-memory app logs, with its category and level, for tests that check what is said (and how often).</summary>
public sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines = new();

    public IReadOnlyCollection<(string Category, LogLevel Level, string Message)> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
