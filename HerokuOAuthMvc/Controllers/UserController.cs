using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HerokuOAuthMvc.Controllers;

/// <summary>Greets the signed-in person with what Heroku says about them.</summary>
[Authorize]
public sealed class UserController(HerokuSession session) : Controller
{
    public const string Path = "/user";

    /// <summary>Served from the account kept with the session: a reload costs no Heroku API call.</summary>
    [HttpGet(Path)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        session.Account is { } account
            ? View(new UserViewModel(account))
            : Show(await session.FetchAccountAsync(cancellationToken));

    /// <summary>Fetches the account from Heroku again and keeps it with the session.</summary>
    [HttpPost(Path + "/refresh")]
    public async Task<IActionResult> Refresh(CancellationToken cancellationToken)
    {
        var fetch = await session.FetchAccountAsync(cancellationToken);
        return fetch.Outcome == AccountFetchOutcome.Fetched ? RedirectToAction(nameof(Index)) : Show(fetch);
    }

    // Heroku's failures end on a friendly page: the account kept with the session where there is one.
    private IActionResult Show(AccountFetch fetch)
    {
        if (fetch.Outcome == AccountFetchOutcome.SessionEnded)
        {
            return RedirectToAction(nameof(HomeController.Index), "Home", new { notice = SessionNotices.SessionEndedSlug });
        }

        if (fetch.Outcome == AccountFetchOutcome.Fetched)
        {
            return View(nameof(Index), new UserViewModel(fetch.Account!));
        }

        var notice = fetch.Outcome == AccountFetchOutcome.RateLimited ? SessionNotices.RateLimited : SessionNotices.Unavailable;
        Response.StatusCode = notice.StatusCode;
        return fetch.Account is { } account
            ? View(nameof(Index), new UserViewModel(account, notice))
            : this.Notice(notice);
    }
}
