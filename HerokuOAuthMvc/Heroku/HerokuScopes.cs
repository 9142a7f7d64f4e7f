using Provider = AspNet.Security.OAuth.Heroku.HerokuAuthenticationConstants.Scopes;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// Heroku's OAuth scopes and what each lets the app do. A broader scope includes the narrower ones: <c>global</c>
/// everything; <c>write-protected</c> ⊃ <c>read-protected</c> and <c>write</c> ⊃ <c>read</c> (apps and their
/// resources, the protected ones with config vars); <c>identity</c> the account alone, which the app/resource scopes
/// do not include (https://devcenter.heroku.com/articles/oauth#scopes).
/// </summary>
public static class HerokuScopes
{
    public const string Global = Provider.Global;
    public const string Identity = Provider.Identity;
    public const string Read = Provider.Read;
    public const string Write = Provider.Write;
    public const string ReadProtected = Provider.ReadProtected;
    public const string WriteProtected = Provider.WriteProtected;

    /// <summary>Every scope Heroku knows, from the broadest.</summary>
    public static readonly IReadOnlyList<string> All = [Global, WriteProtected, ReadProtected, Write, Read, Identity];

    /// <summary>The scopes in a space-separated <c>Heroku:Scope</c> value.</summary>
    public static IReadOnlySet<string> Parse(string? scope) =>
        (scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="granted"/> lets the app do what <paramref name="needed"/> allows.</summary>
    public static bool Allows(IReadOnlySet<string> granted, string needed) => needed switch
    {
        Identity => granted.Overlaps([Identity, Global]),
        Read => granted.Overlaps([Read, Write, ReadProtected, WriteProtected, Global]),
        Write => granted.Overlaps([Write, WriteProtected, Global]),
        ReadProtected => granted.Overlaps([ReadProtected, WriteProtected, Global]),
        WriteProtected => granted.Overlaps([WriteProtected, Global]),
        Global => granted.Contains(Global),
        _ => throw new ArgumentOutOfRangeException(nameof(needed), needed, "Not a Heroku scope."),
    };
}
