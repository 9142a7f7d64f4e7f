using System.Diagnostics.CodeAnalysis;
using AspNet.Security.OAuth.Heroku;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// How the app reaches Heroku: the OAuth client and the endpoints. Bound from the <c>Heroku</c> section;
/// the Go tutorial's <c>HEROKU_OAUTH_ID</c> / <c>HEROKU_OAUTH_SECRET</c> config vars fill the client when it is unset.
/// </summary>
public sealed class HerokuOptions
{
    public const string SectionName = "Heroku";
    public const string ClientIdVariable = "HEROKU_OAUTH_ID";
    public const string ClientSecretVariable = "HEROKU_OAUTH_SECRET";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string AuthorizationEndpoint { get; set; } = HerokuAuthenticationDefaults.AuthorizationEndpoint;

    public string TokenEndpoint { get; set; } = HerokuAuthenticationDefaults.TokenEndpoint;

    /// <summary>The Platform API's root, where the provider's default account endpoint lives.</summary>
    public Uri ApiBaseAddress { get; set; } = new(new Uri(HerokuAuthenticationDefaults.UserInformationEndpoint), "./");

    /// <summary>Space-separated scopes (<see cref="HerokuScopes"/>); <c>identity</c> is enough to read the account.</summary>
    public string Scope { get; set; } = HerokuAuthenticationConstants.Scopes.Identity;

    /// <summary>Whether the configured scopes let the app do what <paramref name="scope"/> allows.</summary>
    public bool Allows(string scope) => HerokuScopes.Allows(HerokuScopes.Parse(Scope), scope);

#if (reviewApps)
    /// <summary>Whether an OAuth client is configured, so that sign-in can start (a review app may boot without one).</summary>
    public bool HasClient => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
#endif

    public Uri AccountEndpoint => new(ApiBaseAddress, "account");

    /// <summary>Reads an absolute http(s) URL; on Linux "/oauth/token" would otherwise parse as an absolute file URI.</summary>
    public static bool TryGetHttpUrl(string value, [NotNullWhen(true)] out Uri? url)
    {
        url = value.Contains("://", StringComparison.Ordinal)
            && Uri.TryCreate(value, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
                ? parsed
                : null;
        return url is not null;
    }
}
