using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using HerokuOAuthMvc.Authentication.Heroku;
using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Authentication.OAuth.Claims;
using static HerokuOAuthMvc.Authentication.Heroku.HerokuAuthenticationConstants;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// The Heroku account is kept in the session as claims, written at sign-in and on Refresh,
/// so that pages are served without spending the account's API rate limit.
/// </summary>
public static class HerokuAccountClaims
{
    public static HerokuAccount? ToAccount(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var email = principal.FindFirstValue(ClaimTypes.Email);
        if (id is null || email is null)
        {
            return null;
        }

        var name = principal.FindFirstValue(ClaimTypes.Name);
        return new HerokuAccount
        {
            Id = id,
            Email = email,
            Name = name == email ? null : name,
            Verified = Flag(principal, Claims.Verified),
            TwoFactorAuthentication = Flag(principal, Claims.TwoFactorAuthentication),
            Federated = Flag(principal, Claims.Federated),
            CreatedAt = Date(principal, Claims.CreatedAt),
            LastLogin = Date(principal, Claims.LastLogin),
        };
    }

    /// <summary>
    /// The session's principal for a freshly fetched account: the provider's own claim actions run over the account as
    /// Heroku's JSON, so Refresh writes exactly the claims sign-in wrote, with the issuer and authentication type the
    /// session had.
    /// </summary>
    public static ClaimsPrincipal ToPrincipal(HerokuAccount account, ClaimsPrincipal current, ClaimActionCollection claimActions)
    {
        var issuer = current.FindFirst(ClaimTypes.NameIdentifier)?.Issuer ?? ClaimsIdentity.DefaultIssuer;
        var identity = new ClaimsIdentity(current.Identity?.AuthenticationType ?? HerokuAuthenticationDefaults.AuthenticationScheme);
        var json = JsonSerializer.SerializeToElement(account, HerokuJsonContext.Default.HerokuAccount);
        foreach (var action in claimActions)
        {
            action.Run(json, identity, issuer);
        }

        return new ClaimsPrincipal(identity);
    }

    private static bool Flag(ClaimsPrincipal principal, string type) =>
        bool.TryParse(principal.FindFirstValue(type), out var value) && value;

    private static DateTimeOffset? Date(ClaimsPrincipal principal, string type) =>
        DateTimeOffset.TryParse(principal.FindFirstValue(type), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
}
