using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace HerokuOAuthMvc.Hosting;

/// <summary>
/// One line per event in Heroku's <c>key=value</c> style, as its router logs
/// (<c>at=info method=GET path="/" request_id=… status=200</c>): the level, the message, each of the message's values
/// under its own key (<c>{ErrorId}</c> becomes <c>error_id=…</c>), the request id and where the line comes from.
/// <see cref="EscapingLoggerFactory"/> has already escaped and bounded every message and value (<see cref="LogValue"/>);
/// this formatter escapes the exception it prints the same way, and quotes a value that holds a space, a quote or an
/// equals sign, so no value can pass for another key.
/// </summary>
public sealed class HerokuLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "heroku";

    // A stack trace on one line; Logplex takes lines of up to 10 KB.
    private const int MaxExceptionLength = 8000;
    private const string RequestIdKey = "request_id";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var line = new StringBuilder("at=").Append(Level(logEntry.LogLevel));
        Append(line, "msg", message ?? string.Empty);

        if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                if (key != "{OriginalFormat}")
                {
                    Append(line, SnakeCase(key), Text(value));
                }
            }
        }

        if (RequestId(scopeProvider) is { } requestId)
        {
            Append(line, RequestIdKey, requestId);
        }

        Append(line, "source", logEntry.Category);
        if (logEntry.Exception is { } exception)
        {
            Append(line, "exception", LogValue.Escape(exception.ToString(), MaxExceptionLength));
        }

        textWriter.Write(line.Append('\n'));
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        _ => "critical",
    };

    // The router's request id (RequestIdExtensions), or else ASP.NET Core's own for the request, as when run locally.
    private static string? RequestId(IExternalScopeProvider? scopeProvider)
    {
        string? heroku = null, aspNetCore = null;
        scopeProvider?.ForEachScope((scope, _) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    if (key == RequestIdExtensions.LogScopeKey)
                    {
                        heroku = Text(value);
                    }
                    else if (key == "RequestId")
                    {
                        aspNetCore = Text(value);
                    }
                }
            }
        }, (object?)null);
        return heroku ?? aspNetCore;
    }

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    internal static string SnakeCase(string key)
    {
        var name = new StringBuilder(key.Length + 4);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(key[i - 1]) || (i + 1 < key.Length && char.IsLower(key[i + 1]))))
            {
                name.Append('_');
            }

            name.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        return name.ToString();
    }

    /// <summary>
    /// Appends <c> key=value</c>, escaped with <see cref="LogValue.Escape"/> (a no-op for what the escaping logger
    /// factory already escaped), and quoted, with <c>\"</c> for a quote, when the value is empty or holds a space, a
    /// quote or an equals sign.
    /// </summary>
    internal static void Append(StringBuilder line, string key, string value)
    {
        var text = LogValue.Escape(value, int.MaxValue);
        line.Append(' ').Append(key).Append('=');
        if (text.Length > 0 && text.AsSpan().IndexOfAny(" \"=") < 0)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
    }
}
