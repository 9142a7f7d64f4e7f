using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HerokuOAuthMvc.Controllers;

/// <summary>
/// The signed-in person's apps, fresh from Heroku on each view. Only with a scope that can read apps; the token, its
/// refresh and Heroku's failures are handled on the way (docs/extending.md).
/// </summary>
[Authorize]
[RequiresHerokuScope(HerokuScopes.Read)]
public sealed class AppsController(HerokuApiClient heroku) : Controller
{
    [HttpGet("/apps")]
    [LinkedFromAccountPage("Your apps")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await heroku.GetAppsAsync(cancellationToken));
}
