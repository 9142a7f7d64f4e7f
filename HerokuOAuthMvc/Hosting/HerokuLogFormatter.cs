using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace HerokuOAuthMvc.Hosting;

/// <summary>
/// One line per event in Heroku's <c>key=value</c> style, as its router logs
/// (<c>at=info method=GET path="/" request_id=… status=200</c>): the level, the message, each of the message's values
/// under its own key (<c>{ErrorId}</c> becomes <c>error_id=…</c>), the request id and where the line comes from. Every value
/// is escaped and bounded here, once, so no value from a request or from Heroku can break a line or forge another.
/// </summary>
public sealed class HerokuLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "heroku";

    private const int MaxValueLength = 1000;
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
        Append(line, "msg", message ?? string.Empty, MaxValueLength);

        if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                if (key != "{OriginalFormat}")
                {
                    Append(line, SnakeCase(key), Text(value), MaxValueLength);
                }
            }
        }

        if (RequestId(scopeProvider) is { } requestId)
        {
            Append(line, RequestIdKey, requestId, MaxValueLength);
        }

        Append(line, "source", logEntry.Category, MaxValueLength);
        if (logEntry.Exception is { } exception)
        {
            Append(line, "exception", exception.ToString(), MaxExceptionLength);
        }

        textWriter.Write(line.Append('\n'));
    }

    // Control characters and the Unicode line and paragraph separators, which some log viewers break lines at.
    private static bool IsLineBreaking(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

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
    /// Appends <c> key=value</c>, quoting the value when it holds a space, a quote or an equals sign, escaping control
    /// characters, quotes and backslashes, and cutting it at <paramref name="maxLength"/> characters.
    /// </summary>
    internal static void Append(StringBuilder line, string key, string value, int maxLength)
    {
        line.Append(' ').Append(key).Append('=');
        var cut = value.Length > maxLength;
        var text = cut ? value[..maxLength] : value;
        var quoted = text.Length == 0 || text.AsSpan().IndexOfAny(" \"=\\") >= 0 || cut || text.Any(IsLineBreaking);
        if (quoted)
        {
            line.Append('"');
        }

        foreach (var c in text)
        {
            switch (c)
            {
                case '"': line.Append("\\\""); break;
                case '\\': line.Append("\\\\"); break;
                case '\n': line.Append("\\n"); break;
                case '\r': line.Append("\\r"); break;
                case '\t': line.Append("\\t"); break;
                default:
                    if (IsLineBreaking(c))
                    {
                        line.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        line.Append(c);
                    }

                    break;
            }
        }

        if (cut)
        {
            line.Append('…');
        }

        if (quoted)
        {
            line.Append('"');
        }
    }
}
