#if (reviewApps)
using HerokuOAuthMvc.ReviewApps;
#endif
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// Fills the OAuth client from the tutorial's config vars and checks everything at start, so a misconfigured dyno
/// crashes at boot with a message that names the setting (in Development the local stand-in fills the client first).
/// </summary>
internal sealed class HerokuOptionsSetup(IConfiguration configuration) : IConfigureOptions<HerokuOptions>, IValidateOptions<HerokuOptions>
{
    /// <summary>The OAuth client id: <c>Heroku:ClientId</c>, else the tutorial's <c>HEROKU_OAUTH_ID</c> config var.</summary>
    public static string? ClientId(IConfiguration configuration)
    {
        var clientId = configuration[$"{HerokuOptions.SectionName}:{nameof(HerokuOptions.ClientId)}"];
        return string.IsNullOrWhiteSpace(clientId) ? configuration[HerokuOptions.ClientIdVariable] : clientId;
    }

    public void Configure(HerokuOptions options)
    {
        configuration.GetSection(HerokuOptions.SectionName).Bind(options);
        options.ClientId = ClientId(configuration);

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            options.ClientSecret = configuration[HerokuOptions.ClientSecretVariable];
        }

        // A base address without a trailing slash would drop its last segment when combined with "account".
        if (options.ApiBaseAddress.IsAbsoluteUri && !options.ApiBaseAddress.AbsoluteUri.EndsWith('/'))
        {
            options.ApiBaseAddress = new Uri(options.ApiBaseAddress.AbsoluteUri + "/");
        }
    }

    public ValidateOptionsResult Validate(string? name, HerokuOptions options)
    {
        var failures = new List<string>();
#if (reviewApps)

        // The one exception to failing at boot: a review app starts before its postdeploy script has created its
        // client, and runs with sign-in off until then (see ReviewApps/).
        var reviewAppAwaitingClient = string.IsNullOrWhiteSpace(options.ClientId) && ReviewAppEnvironment.IsReviewApp(configuration);

        if (string.IsNullOrWhiteSpace(options.ClientId) && !reviewAppAwaitingClient)
#else

        if (string.IsNullOrWhiteSpace(options.ClientId))
#endif
        {
            failures.Add($"The Heroku OAuth client id is missing: set the {HerokuOptions.ClientIdVariable} config var (or Heroku:ClientId). Create a client with `heroku clients:create NAME https://HOST/auth/heroku/callback`.");
        }

#if (reviewApps)
        if (string.IsNullOrWhiteSpace(options.ClientSecret) && !reviewAppAwaitingClient)
#else
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
#endif
        {
            failures.Add($"The Heroku OAuth client secret is missing: set the {HerokuOptions.ClientSecretVariable} config var (or Heroku:ClientSecret).");
        }

        // The browser is sent there, so a path on this site (the local stand-in's) is fine too.
        if (!IsHttpUrl(options.AuthorizationEndpoint) && !IsSitePath(options.AuthorizationEndpoint))
        {
            failures.Add($"Heroku:AuthorizationEndpoint '{options.AuthorizationEndpoint}' is not an absolute URL.");
        }

        if (!IsHttpUrl(options.TokenEndpoint))
        {
            failures.Add($"Heroku:TokenEndpoint '{options.TokenEndpoint}' is not an absolute URL.");
        }

        if (!options.ApiBaseAddress.IsAbsoluteUri || !IsHttpUrl(options.ApiBaseAddress.OriginalString))
        {
            failures.Add("Heroku:ApiBaseAddress must be an absolute URL such as https://api.heroku.com/.");
        }

        var scopes = HerokuScopes.Parse(options.Scope);
        if (scopes.Count == 0)
        {
            failures.Add("Heroku:Scope is empty; use 'identity' to read the account only.");
        }
        else if (scopes.Except(HerokuScopes.All).ToList() is { Count: > 0 } unknown)
        {
            failures.Add($"Heroku:Scope has scopes Heroku does not know: {string.Join(' ', unknown)}. Use {string.Join(", ", HerokuScopes.All)}.");
        }
        else if (!HerokuScopes.Allows(scopes, HerokuScopes.Identity))
        {
            // The app scopes do not include the account, and sign-in reads it.
            failures.Add($"Heroku:Scope '{options.Scope}' cannot read the account at sign-in: add 'identity' (for example 'identity read').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string value) => HerokuOptions.TryGetHttpUrl(value, out _);

    private static bool IsSitePath(string value) =>
        value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.StartsWith("/\\", StringComparison.Ordinal);
}
