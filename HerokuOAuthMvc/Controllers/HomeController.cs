using HerokuOAuthMvc.Authentication;
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
    public IActionResult Index()
    {
        var notice = QueryValue.Of(Request, AppRoutes.NoticeParameter);
        var signedInAs = User.Identity?.IsAuthenticated == true ? HerokuAccountClaims.Account(HttpContext)?.DisplayName : null;
#if (reviewApps)
        var shown = heroku.Value.HasClient ? SessionNotices.ForSignInPage(notice) : ReviewAppNotices.SignInBeingSetUp;
#else
        var shown = SessionNotices.ForSignInPage(notice);
#endif
        return View(new SignInViewModel(ReturnUrls.LocalOrNull(QueryValue.Of(Request, AppRoutes.ReturnUrlParameter)), signedInAs, ScopeDescription.For(heroku.Value.Scope), shown));
    }
}
