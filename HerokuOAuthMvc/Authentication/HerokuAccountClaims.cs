using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using AspNet.Security.OAuth.Heroku;
using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Authentication.OAuth.Claims;
using static AspNet.Security.OAuth.Heroku.HerokuAuthenticationConstants;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// The Heroku account is kept in the session as claims, written at sign-in and on Refresh,
/// so that pages are served without spending the account's API rate limit.
/// </summary>
public static class HerokuAccountClaims
{
    /// <summary>The longest name or email the session keeps, in UTF-16 code units, the cut included.</summary>
    public const int MaxDisplayLength = 256;

    /// <summary>
    /// Cuts the account's name and email for display after the provider's claim actions have run, at sign-in and on
    /// Refresh alike: Heroku does not bound them, and a 20,000-character name would make the session cookie too large
    /// for the router, failing the sign-in at the callback.
    /// </summary>
    public static void CutForDisplay(ClaimActionCollection claimActions)
    {
        claimActions.Add(new CutForDisplayAction(ClaimTypes.Name));
        claimActions.Add(new CutForDisplayAction(ClaimTypes.Email));
    }

    /// <summary><paramref name="value"/> itself when short enough, otherwise its first whole characters and an ellipsis.</summary>
    public static string CutForDisplay(string value)
    {
        if (value.Length <= MaxDisplayLength)
        {
            return value;
        }

        // Whole text elements only: never half of a surrogate pair or a letter without its accent.
        var kept = 0;
        while (kept < value.Length && StringInfo.GetNextTextElementLength(value.AsSpan(kept)) is var next && kept + next < MaxDisplayLength)
        {
            kept += next;
        }

        return string.Concat(value.AsSpan(0, kept), "…");
    }

    private static readonly object AccountKey = new();

    /// <summary>
    /// The signed-in person's kept account, read from the claims once per request (the page, its layout and the
    /// controller all ask); read again if the request's principal changes.
    /// </summary>
    public static HerokuAccount? Account(HttpContext context)
    {
        var principal = context.User;
        if (context.Items.TryGetValue(AccountKey, out var kept) && kept is ReadAccount read && ReferenceEquals(read.Principal, principal))
        {
            return read.Account;
        }

        var account = ToAccount(principal);
        context.Items[AccountKey] = new ReadAccount(principal, account);
        return account;
    }

    public static HerokuAccount? ToAccount(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var email = principal.FindFirstValue(ClaimTypes.Email);
        if (id is null || email is null)
        {
            return null;
        }

        return new HerokuAccount
        {
            Id = id,
            Email = email,
            Name = principal.FindFirstValue(ClaimTypes.Name),
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

    private sealed record ReadAccount(ClaimsPrincipal Principal, HerokuAccount? Account);

    private sealed class CutForDisplayAction(string claimType) : ClaimAction(claimType, ClaimValueTypes.String)
    {
        public override void Run(JsonElement userData, ClaimsIdentity identity, string issuer)
        {
            foreach (var claim in identity.FindAll(ClaimType).Where(c => c.Value.Length > MaxDisplayLength).ToList())
            {
                identity.RemoveClaim(claim);
                identity.AddClaim(new Claim(claim.Type, CutForDisplay(claim.Value), claim.ValueType, claim.Issuer, claim.OriginalIssuer));
            }
        }
    }

    private static bool Flag(ClaimsPrincipal principal, string type) =>
        bool.TryParse(principal.FindFirstValue(type), out var value) && value;

    private static DateTimeOffset? Date(ClaimsPrincipal principal, string type) =>
        DateTimeOffset.TryParse(principal.FindFirstValue(type), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
}
