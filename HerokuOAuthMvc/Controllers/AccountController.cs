using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Authentication.Heroku;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Controllers;

/// <summary>Starts sign-in with Heroku, says how a failed callback ended, and signs out.</summary>
[AllowAnonymous]
public sealed class AccountController(HerokuSession session, IOptions<HerokuOptions> heroku) : Controller
{
    public const string DefaultLandingPath = "/user";

    public const string SignInPath = "/auth/heroku";

    /// <summary>Starts the OAuth flow. A POST with an antiforgery token, so no other site can sign a visitor in (CVE-2015-9284).</summary>
    [HttpPost(SignInPath)]
    public IActionResult SignIn([FromForm] string? returnUrl)
    {
        if (!heroku.Value.HasClient)
        {
            var notice = ReviewAppNotices.SignInBeingSetUp with { RequestId = HttpContext.TraceIdentifier };
            Response.StatusCode = notice.StatusCode;
            return View("Notice", notice);
        }

        var properties = new AuthenticationProperties
        {
            RedirectUri = Url.IsLocalUrl(returnUrl) ? returnUrl : DefaultLandingPath,
        };

        return Challenge(properties, HerokuAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>The Go tutorial started sign-in with a GET link; send such visitors to the page with the button.</summary>
    [HttpGet(SignInPath)]
    public IActionResult SignInPage() => RedirectToAction(nameof(HomeController.Index), "Home");

    [HttpGet("/auth/heroku/failed")]
    public IActionResult Failed([FromQuery] string? reason)
    {
        var notice = SignInFailureNotices.For(SignInFailures.FromSlug(reason)) with { RequestId = HttpContext.TraceIdentifier };
        Response.StatusCode = notice.StatusCode;
        return View("Notice", notice);
    }

    /// <summary>Ends the session here and, best effort, the authorization at Heroku.</summary>
    [HttpPost("/auth/signout")]
    public async Task<IActionResult> SignOutAsync()
    {
        await session.SignOutAsync();
        return RedirectToAction(nameof(HomeController.Index), "Home");
    }
}
