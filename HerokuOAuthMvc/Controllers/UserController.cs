using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HerokuOAuthMvc.Controllers;

/// <summary>Greets the signed-in person with what Heroku says about them.</summary>
[Authorize]
public sealed class UserController(HerokuSession session, HerokuApiClient heroku) : Controller
{
    /// <summary>Served from the account kept with the session: a reload costs no Heroku API call.</summary>
    [HttpGet("/user")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var account = session.Account;
        if (account is null)
        {
            var result = await FetchAccountAsync(cancellationToken);
            if (result is not { } fetched)
            {
                return await SignedOutAsync();
            }

            account = fetched;
        }

        return View(new UserViewModel(account));
    }

    /// <summary>Fetches the account from Heroku again and keeps it with the session.</summary>
    [HttpPost("/user/refresh")]
    public async Task<IActionResult> Refresh(CancellationToken cancellationToken)
    {
        if (await FetchAccountAsync(cancellationToken) is null)
        {
            return await SignedOutAsync();
        }

        return RedirectToAction(nameof(Index));
    }

    private async Task<HerokuAccount?> FetchAccountAsync(CancellationToken cancellationToken)
    {
        var token = await session.GetAccessTokenAsync();
        if (token is null)
        {
            return null;
        }

        var account = await heroku.GetAccountAsync(token, cancellationToken);
        await session.UpdateAccountAsync(account);
        return account;
    }

    private async Task<IActionResult> SignedOutAsync()
    {
        await session.SignOutAsync();
        return RedirectToAction(nameof(HomeController.Index), "Home");
    }
}
