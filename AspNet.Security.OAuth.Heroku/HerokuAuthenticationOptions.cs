using System.Security.Claims;
using static AspNet.Security.OAuth.Heroku.HerokuAuthenticationConstants;

namespace AspNet.Security.OAuth.Heroku;

/// <summary>Defines a set of options used by <see cref="HerokuAuthenticationHandler"/>.</summary>
public class HerokuAuthenticationOptions : OAuthOptions
{
    /// <summary>
    /// Creates the options with Heroku's endpoints, the <c>identity</c> scope, and claims mapped from the Platform
    /// API's account: the name identifier (<c>id</c>), email, name (only when the account has one) and the
    /// <see cref="Claims"/>.
    /// </summary>
    public HerokuAuthenticationOptions()
    {
        ClaimsIssuer = HerokuAuthenticationDefaults.Issuer;
        CallbackPath = HerokuAuthenticationDefaults.CallbackPath;

        AuthorizationEndpoint = HerokuAuthenticationDefaults.AuthorizationEndpoint;
        TokenEndpoint = HerokuAuthenticationDefaults.TokenEndpoint;
        UserInformationEndpoint = HerokuAuthenticationDefaults.UserInformationEndpoint;

        // Without a scope Heroku grants "global" (full access to every app); ask for the least.
        Scope.Add(Scopes.Identity);

        // No evidence that id.heroku.com supports PKCE.
        UsePkce = false;

        ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "id");
        ClaimActions.MapJsonKey(ClaimTypes.Email, "email");
        // The account's name as Heroku has it, and no claim when it has none: what to greet such an account with is
        // the app's choice, not the provider's.
        ClaimActions.MapJsonKey(ClaimTypes.Name, "name");
        ClaimActions.MapJsonKey(Claims.Verified, "verified", ClaimValueTypes.Boolean);
        ClaimActions.MapJsonKey(Claims.TwoFactorAuthentication, "two_factor_authentication", ClaimValueTypes.Boolean);
        ClaimActions.MapJsonKey(Claims.Federated, "federated", ClaimValueTypes.Boolean);
        ClaimActions.MapJsonKey(Claims.CreatedAt, "created_at", ClaimValueTypes.DateTime);
        ClaimActions.MapJsonKey(Claims.LastLogin, "last_login", ClaimValueTypes.DateTime);
    }

    /// <summary>
    /// Checks the options as <see cref="OAuthOptions.Validate()"/> does, and that <see cref="OAuthOptions.Scope"/> is not
    /// empty: Heroku would grant <c>global</c>, full access to every app, to a request that names no scope.
    /// </summary>
    public override void Validate()
    {
        base.Validate();

        if (Scope.Count == 0)
        {
            throw new ArgumentException(
                $"The '{nameof(Scope)}' option is empty, and Heroku grants '{Scopes.Global}' (full access to every app) to a sign-in that asks for no scope. Add '{Scopes.Identity}' to read the account only, or name '{Scopes.Global}' to mean it.",
                nameof(Scope));
        }
    }
}
