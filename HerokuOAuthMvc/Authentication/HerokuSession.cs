using System.Security.Claims;
using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HerokuOAuthMvc.Authentication;

/// <summary>The signed-in person's session: the Heroku account kept with it and the tokens saved at sign-in.</summary>
public sealed class HerokuSession(IHttpContextAccessor httpContextAccessor)
{
    private HttpContext HttpContext =>
        httpContextAccessor.HttpContext ?? throw new InvalidOperationException("The Heroku session is only available during a request.");

    /// <summary>The account as it was fetched at sign-in or on the last Refresh.</summary>
    public HerokuAccount? Account => HerokuAccountClaims.ToAccount(HttpContext.User);

    public Task<string?> GetAccessTokenAsync() => HttpContext.GetTokenAsync("access_token");

    /// <summary>Keeps a freshly fetched account with the session, re-issuing the cookie with the same tokens.</summary>
    public async Task UpdateAccountAsync(HerokuAccount account)
    {
        var current = await HttpContext.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!current.Succeeded)
        {
            return;
        }

        var issuer = current.Principal.FindFirst(ClaimTypes.NameIdentifier)?.Issuer ?? ClaimsIdentity.DefaultIssuer;
        var identity = HerokuAccountClaims.ToIdentity(account, current.Principal.Identity?.AuthenticationType ?? "Heroku", issuer);
        var principal = new ClaimsPrincipal(identity);

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, current.Properties);
        HttpContext.User = principal;
    }

    public Task SignOutAsync() => HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}
