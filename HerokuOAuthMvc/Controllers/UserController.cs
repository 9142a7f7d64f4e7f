using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HerokuOAuthMvc.Controllers;

/// <summary>Greets the signed-in person with what Heroku says about them.</summary>
[Authorize]
public sealed class UserController(HerokuSession session) : Controller, IHerokuFailurePage
{
    /// <summary>
    /// Served from the account kept with the session: a reload costs no Heroku API call. No parameters: binding even a
    /// <see cref="CancellationToken"/> builds MVC's value providers on every view.
    /// </summary>
    [HttpGet(AppRoutes.Account)]
    public async Task<IActionResult> Index() =>
        View(new UserViewModel(session.Account ?? await session.RefreshAccountAsync(HttpContext.RequestAborted)));

    /// <summary>Fetches the account from Heroku again and keeps it with the session.</summary>
    [HttpPost(AppRoutes.AccountRefresh)]
    public async Task<IActionResult> Refresh(CancellationToken cancellationToken)
    {
        await session.RefreshAccountAsync(cancellationToken);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>While Heroku fails, the greeting still shows the account kept with the session, beside the notice.</summary>
    IActionResult? IHerokuFailurePage.WithNotice(NoticeViewModel notice) =>
        session.Account is { } account ? View(nameof(Index), new UserViewModel(account, notice)) : null;
}
