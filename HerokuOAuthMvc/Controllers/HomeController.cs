using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Controllers;

/// <summary>The sign-in page.</summary>
[AllowAnonymous]
public sealed class HomeController(IOptions<HerokuOptions> heroku) : Controller
{
    [HttpGet(AppRoutes.Home)]
    public IActionResult Index([FromQuery] string? returnUrl, [FromQuery] string? notice)
    {
        var signedInAs = User.Identity?.IsAuthenticated == true ? User.Identity.Name : null;
        var shown = heroku.Value.HasClient ? SessionNotices.ForSignInPage(notice) : ReviewAppNotices.SignInBeingSetUp;
        return View(new SignInViewModel(ReturnUrls.LocalOrNull(returnUrl), signedInAs, ScopeDescription.For(heroku.Value.Scope), shown));
    }
}
