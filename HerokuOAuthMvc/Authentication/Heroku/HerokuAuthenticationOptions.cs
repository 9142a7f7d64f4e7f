using System.Security.Claims;
using System.Text.Json;
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
        ClaimActions.MapCustomJson(ClaimTypes.Name, NameOrEmail);
        ClaimActions.MapJsonKey(Claims.Verified, "verified", ClaimValueTypes.Boolean);
        ClaimActions.MapJsonKey(Claims.TwoFactorAuthentication, "two_factor_authentication", ClaimValueTypes.Boolean);
        ClaimActions.MapJsonKey(Claims.Federated, "federated", ClaimValueTypes.Boolean);
        ClaimActions.MapJsonKey(Claims.CreatedAt, "created_at", ClaimValueTypes.DateTime);
        ClaimActions.MapJsonKey(Claims.LastLogin, "last_login", ClaimValueTypes.DateTime);
    }

    // Heroku accounts may have no name; the email is what the Go tutorial greets with.
    private static string? NameOrEmail(JsonElement user)
    {
        var name = user.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return string.IsNullOrWhiteSpace(name)
            ? user.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null
            : name;
    }
}
