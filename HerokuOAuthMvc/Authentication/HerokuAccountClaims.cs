using System.Globalization;
using System.Security.Claims;
using HerokuOAuthMvc.Heroku;
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

    /// <summary>The session's principal for a freshly fetched account, keeping the issuer and authentication type it had.</summary>
    public static ClaimsPrincipal ToPrincipal(HerokuAccount account, ClaimsPrincipal current)
    {
        var issuer = current.FindFirst(ClaimTypes.NameIdentifier)?.Issuer ?? ClaimsIdentity.DefaultIssuer;
        return new ClaimsPrincipal(ToIdentity(account, current.Identity?.AuthenticationType ?? "Heroku", issuer));
    }

    public static ClaimsIdentity ToIdentity(HerokuAccount account, string authenticationType, string issuer)
    {
        var identity = new ClaimsIdentity(authenticationType);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, account.Id, ClaimValueTypes.String, issuer));
        identity.AddClaim(new Claim(ClaimTypes.Email, account.Email, ClaimValueTypes.String, issuer));
        identity.AddClaim(new Claim(ClaimTypes.Name, account.DisplayName, ClaimValueTypes.String, issuer));
        identity.AddClaim(new Claim(Claims.Verified, Format(account.Verified), ClaimValueTypes.Boolean, issuer));
        identity.AddClaim(new Claim(Claims.TwoFactorAuthentication, Format(account.TwoFactorAuthentication), ClaimValueTypes.Boolean, issuer));
        identity.AddClaim(new Claim(Claims.Federated, Format(account.Federated), ClaimValueTypes.Boolean, issuer));
        AddDate(identity, Claims.CreatedAt, account.CreatedAt, issuer);
        AddDate(identity, Claims.LastLogin, account.LastLogin, issuer);
        return identity;
    }

    private static string Format(bool value) => value ? "true" : "false";

    private static void AddDate(ClaimsIdentity identity, string type, DateTimeOffset? value, string issuer)
    {
        if (value is { } date)
        {
            identity.AddClaim(new Claim(type, date.ToString("O", CultureInfo.InvariantCulture), ClaimValueTypes.DateTime, issuer));
        }
    }

    private static bool Flag(ClaimsPrincipal principal, string type) =>
        bool.TryParse(principal.FindFirstValue(type), out var value) && value;

    private static DateTimeOffset? Date(ClaimsPrincipal principal, string type) =>
        DateTimeOffset.TryParse(principal.FindFirstValue(type), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
}
