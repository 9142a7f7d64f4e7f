using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HerokuOAuthMvc.Controllers;

/// <summary>The sign-in page.</summary>
[AllowAnonymous]
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index([FromQuery] string? returnUrl, [FromQuery] string? notice)
    {
        var signedInAs = User.Identity?.IsAuthenticated == true ? User.Identity.Name : null;
        return View(new SignInViewModel(Url.IsLocalUrl(returnUrl) ? returnUrl : null, signedInAs, SessionNotices.ForSignInPage(notice)));
    }
}
