using HerokuOAuthMvc.Authentication;
using AspNet.Security.OAuth.Heroku;
#if (reviewApps)
using HerokuOAuthMvc.Heroku;
#endif
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
#if (reviewApps)
using Microsoft.Extensions.Options;
#endif

namespace HerokuOAuthMvc.Controllers;

/// <summary>Starts sign-in with Heroku, says how a failed callback ended, and signs out.</summary>
[AllowAnonymous]
#if (reviewApps)
public sealed class AccountController(HerokuSession session, IOptions<HerokuOptions> heroku) : Controller
#else
public sealed class AccountController(HerokuSession session) : Controller
#endif
{
    /// <summary>Starts the OAuth flow. A POST that only this site's own pages may send (<see cref="Hosting.CrossOriginProtectionExtensions"/>), so no other site can sign a visitor in (CVE-2015-9284).</summary>
    [HttpPost(AppRoutes.SignIn)]
    public IActionResult SignIn([FromForm] string? returnUrl)
    {
#if (reviewApps)
        if (!heroku.Value.HasClient)
        {
            return this.Notice(ReviewAppNotices.SignInBeingSetUp);
        }

#endif
        var properties = new AuthenticationProperties
        {
            RedirectUri = ReturnUrls.LocalOrNull(returnUrl) ?? AppRoutes.Account,
        };

        return Challenge(properties, HerokuAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>The Go tutorial started sign-in with a GET link; send such visitors to the page with the button.</summary>
    [HttpGet(AppRoutes.SignIn)]
    public IActionResult SignInPage() => RedirectToAction(nameof(HomeController.Index), "Home");

    [HttpGet(AppRoutes.SignInFailed)]
    public IActionResult Failed([FromQuery] string? reason) =>
        this.Notice(SignInFailureNotices.For(SignInFailures.FromSlug(reason)));

    /// <summary>Ends the session here and, where the scope allows it, the authorization at Heroku; the sign-in page then says so.</summary>
    [HttpPost(AppRoutes.SignOut)]
    public async Task<IActionResult> SignOutAsync()
    {
        await session.SignOutAsync();
        return RedirectToAction(nameof(HomeController.Index), "Home", new { notice = SessionNotices.SignedOutSlug });
    }
}
