using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using static HerokuOAuthMvc.Authentication.Heroku.HerokuAuthenticationConstants;

namespace HerokuOAuthMvc.Authentication.Heroku;

/// <summary>Configuration options for <see cref="HerokuAuthenticationHandler"/>.</summary>
public class HerokuAuthenticationOptions : OAuthOptions
{
    public HerokuAuthenticationOptions()
    {
        ClaimsIssuer = HerokuAuthenticationDefaults.Issuer;
        CallbackPath = HerokuAuthenticationDefaults.CallbackPath;

        AuthorizationEndpoint = HerokuAuthenticationDefaults.AuthorizationEndpoint;
        TokenEndpoint = HerokuAuthenticationDefaults.TokenEndpoint;
        UserInformationEndpoint = HerokuAuthenticationDefaults.UserInformationEndpoint;

        // Without a scope Heroku grants "global" (full access to every app); ask for the least.
        Scope.Add(HerokuAuthenticationDefaults.IdentityScope);

        // No evidence that id.heroku.com supports PKCE.
        UsePkce = false;

        ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "id");
        ClaimActions.MapJsonKey(ClaimTypes.Email, "email");
        // The account's name as Heroku has it, and no claim when it has none: what the app greets with instead is the
        // app's choice (HerokuAccount.DisplayName), not the provider's.
        ClaimActions.MapJsonKey(ClaimTypes.Name, "name");
        ClaimActions.MapJsonKey(Claims.Verified, "verified", ClaimValueTypes.Boolean);
        ClaimActions.MapJsonKey(Claims.TwoFactorAuthentication, "two_factor_authentication", ClaimValueTypes.Boolean);
        ClaimActions.MapJsonKey(Claims.Federated, "federated", ClaimValueTypes.Boolean);
        ClaimActions.MapJsonKey(Claims.CreatedAt, "created_at", ClaimValueTypes.DateTime);
        ClaimActions.MapJsonKey(Claims.LastLogin, "last_login", ClaimValueTypes.DateTime);
    }
}
