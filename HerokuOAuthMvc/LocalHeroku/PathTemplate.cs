using System.Diagnostics.CodeAnalysis;

namespace HerokuOAuthMvc.LocalHeroku;

/// <summary>
/// A Platform API path as Heroku's reference writes it, <c>/apps/{app}/dynos</c>: any segment may be a parameter, which
/// stands for exactly one segment of a request's path. The stand-in's endpoint table matches with it, and so does the
/// tests' fake Heroku, so a nested path is one entry in both.
/// </summary>
internal sealed class PathTemplate
{
    private readonly string[] _segments;

    public PathTemplate(string template)
    {
        _segments = Segments(template);
        foreach (var segment in _segments.Where(segment => !IsParameter(segment) && segment.AsSpan().IndexOfAny('{', '}') >= 0))
        {
            throw new ArgumentException($"\"{template}\": a parameter is a whole segment, as in /apps/{{app}}/dynos, not \"{segment}\".", nameof(template));
        }

        Text = "/" + string.Join('/', _segments);
        Parameters = [.. _segments.Where(IsParameter).Select(segment => segment[1..^1])];
    }

    /// <summary>The template with one leading <c>/</c>, as logs and messages show it.</summary>
    public string Text { get; }

    /// <summary>The parameters' names, in order: <c>app</c> for <c>/apps/{app}/dynos</c>.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>
    /// Whether <paramref name="path"/> (a URI's <c>AbsolutePath</c>, still escaped) has this shape; each parameter's value
    /// comes unescaped, so an escaped <c>/</c> stays inside its segment instead of adding one.
    /// </summary>
    public bool TryMatch(string path, [NotNullWhen(true)] out IReadOnlyDictionary<string, string>? values)
    {
        values = null;
        var segments = Segments(path);
        if (segments.Length != _segments.Length)
        {
            return false;
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < segments.Length; index++)
        {
            var value = Uri.UnescapeDataString(segments[index]);
            if (IsParameter(_segments[index]))
            {
                if (value.Length == 0)
                {
                    return false;
                }

                found[_segments[index][1..^1]] = value;
            }
            else if (!string.Equals(value, _segments[index], StringComparison.Ordinal))
            {
                return false;
            }
        }

        values = found;
        return true;
    }

    public override string ToString() => Text;

    private static bool IsParameter(string segment) => segment is ['{', _, .., '}'] && segment.AsSpan(1, segment.Length - 2).IndexOfAny('{', '}') < 0;

    private static string[] Segments(string path) => path.Trim('/').Split('/');
}
