using System.Globalization;
using System.Text;

namespace HerokuOAuthMvc.Hosting;

/// <summary>
/// Makes a value from a request or from Heroku safe to write into a one-line log: control characters (CR, LF, NUL…),
/// line and paragraph separators and invisible format characters (U+202E and the other bidi controls, zero-width
/// spaces) become <c>\uXXXX</c>, so no value can start a forged line or reorder one on screen; and the value is cut
/// to a bounded length. <see cref="EscapingLoggerFactory"/> applies it to every log line the app writes; a formatter
/// or exporter that prints values itself can call it too.
/// </summary>
public static class LogValue
{
    /// <summary>The longest value kept in a log line's fields.</summary>
    public const int MaxLength = 256;

    /// <summary>The longest message: a line stays readable in <c>heroku logs</c> and within Logplex's limits.</summary>
    public const int MaxMessageLength = 1024;

    /// <summary><paramref name="value"/> with unsafe characters escaped, cut to <paramref name="maxLength"/> characters and a note of how many were left out.</summary>
    public static string Escape(string value, int maxLength = MaxLength)
    {
        if (value.Length <= maxLength && !NeedsEscaping(value))
        {
            return value;
        }

        var escaped = new StringBuilder(Math.Min(value.Length, maxLength) + 16);
        var index = 0;
        for (; index < value.Length && escaped.Length < maxLength; index++)
        {
            var c = value[index];
            if (char.IsHighSurrogate(c) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                escaped.Append(c).Append(value[++index]);
            }
            else if (IsUnsafe(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return index < value.Length
            ? escaped.Append(CultureInfo.InvariantCulture, $"…(+{value.Length - index} chars)").ToString()
            : escaped.ToString();
    }

    /// <summary>Whether <paramref name="value"/> holds a character <see cref="Escape"/> would escape.</summary>
    public static bool NeedsEscaping(ReadOnlySpan<char> value)
    {
        for (var index = 0; index < value.Length; index++)
        {
            var c = value[index];
            if (char.IsHighSurrogate(c) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                index++;
            }
            else if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    // Printable ASCII is by far the most common case and always safe.
    private static bool IsUnsafe(char c) => c is < ' ' or > '~' && CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
