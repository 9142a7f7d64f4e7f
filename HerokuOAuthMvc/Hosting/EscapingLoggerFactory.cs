using System.Collections;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Hosting;

/// <summary>
/// Every logger the app gets (its own, ASP.NET Core's, the authentication handlers') writes through this factory, which
/// passes each message, each structured value and each scope through <see cref="LogValue.Escape"/> before any
/// provider sees it. So a value from a request or from Heroku (a callback's <c>error_description</c>, an error id in an
/// API answer) can neither forge a log line nor make one unbounded, whichever provider or formatter writes it and
/// however a new log line is written. Exception stack traces are the formatter's to print.
/// </summary>
public sealed class EscapingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    /// <summary>Replaces the logger factory with one that escapes; providers and filters are configured as usual.</summary>
    public static void Register(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new EscapingLoggerFactory(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>()))));

    public ILogger CreateLogger(string categoryName) => new EscapingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class EscapingLogger(ILogger inner) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            inner.BeginScope(new Escaped<TState>(state, null, static (scope, _) => scope?.ToString() ?? string.Empty));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, new Escaped<TState>(state, exception, formatter), exception, static (escaped, _) => escaped.ToString());
            }
        }
    }

    /// <summary>A log entry's state or a scope, seen escaped: as its message, and as the structured values formatters enumerate.</summary>
    private sealed class Escaped<TState>(TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private const string OriginalFormat = "{OriginalFormat}";

        private IReadOnlyList<KeyValuePair<string, object?>> Values =>
            state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];

        public int Count => Values.Count;

        public KeyValuePair<string, object?> this[int index] => Escape(Values[index]);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Values.Select(Escape).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => LogValue.Escape(formatter(state, exception), LogValue.MaxMessageLength);

        // The message template is the code's own; numbers, dates, enums and flags cannot carry a line break.
        private static KeyValuePair<string, object?> Escape(KeyValuePair<string, object?> pair) => pair switch
        {
            { Key: OriginalFormat } or { Value: null or bool or IFormattable } => pair,
            { Value: string text } => new(pair.Key, LogValue.Escape(text)),
            _ => new(pair.Key, LogValue.Escape(pair.Value.ToString() ?? string.Empty)),
        };
    }
}
