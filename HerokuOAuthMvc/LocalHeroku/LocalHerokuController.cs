using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Controllers;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace HerokuOAuthMvc.LocalHeroku;

/// <summary>
/// The browser half of the stand-in for id.heroku.com: a consent page with Allow and Deny. Only registered
/// as a controller in local mode (see <see cref="LocalHerokuControllerFeatureProvider"/>).
/// </summary>
[AllowAnonymous]
[Route(LocalHerokuMode.AuthorizePath)]
public sealed class LocalHerokuController(LocalHerokuIssuer issuer) : Controller
{
    private static readonly NoticeViewModel InvalidRequest = new(
        "Invalid OAuth request",
        "The local stand-in for Heroku only accepts requests from this app's own sign-in button.",
        StatusCodes.Status400BadRequest);

    [HttpGet]
    public IActionResult Authorize(
        [FromQuery(Name = "client_id")] string? clientId,
        [FromQuery(Name = "response_type")] string? responseType,
        [FromQuery] string? scope,
        [FromQuery] string? state)
    {
        if (clientId != LocalHerokuIssuer.ClientId || responseType != "code")
        {
            return this.Notice(InvalidRequest);
        }

        // Like Heroku: no scope means global.
        return View(new LocalHerokuConsentViewModel(issuer.Account.Email, string.IsNullOrWhiteSpace(scope) ? HerokuScopes.Global : scope, state));
    }

    [HttpPost]
    public IActionResult Decide([FromForm] string? decision, [FromForm] string? state, [FromForm] string? scope)
    {
        // Like Heroku: a denial comes back with an error and without the state.
        var query = decision == "allow"
            ? new Dictionary<string, string?> { ["code"] = issuer.IssueCode(string.IsNullOrWhiteSpace(scope) ? HerokuScopes.Global : scope), ["state"] = state }
            : new Dictionary<string, string?> { ["error"] = "access_denied", ["error_description"] = "The user denied access." };

        return Redirect(QueryHelpers.AddQueryString(HerokuSignInExtensions.CallbackPath, query));
    }
}
