using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace HerokuOAuthMvc.Controllers;

/// <summary>
/// Where a sign-in may send the browser when it is done: a plain path on this site, or nothing (the default landing).
/// Stricter than <c>Url.IsLocalUrl</c>, which accepts <c>~/x</c> (a relative <c>Location</c> that resolves under
/// <c>/auth/heroku/</c>) and non-ASCII paths such as <c>/café</c> or look-alike slashes, which Kestrel refuses to put in
/// a <c>Location</c> header after Heroku has spent the code.
/// </summary>
public static class ReturnUrls
{
    /// <summary>Longer ones are dropped: the value rides in the OAuth state, and the authorize URL must stay well under 8 KB.</summary>
    public const int MaxLength = 2048;

    // Visible ASCII without the backslash, which browsers read as a slash ("/\evil.example" is another site).
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create(string.Concat(Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).Where(c => c != '\\')));

    /// <summary><paramref name="returnUrl"/> when it is a plain ASCII path on this site, otherwise null.</summary>
    public static string? LocalOrNull(string? returnUrl) => IsLocalPath(returnUrl) ? returnUrl : null;

    private static bool IsLocalPath([NotNullWhen(true)] string? returnUrl) =>
        returnUrl is { Length: > 0 and <= MaxLength }
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || returnUrl[1] != '/')
        && !returnUrl.AsSpan().ContainsAnyExcept(Allowed);
}
