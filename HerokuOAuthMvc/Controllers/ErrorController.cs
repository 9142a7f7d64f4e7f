using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HerokuOAuthMvc.Controllers;

/// <summary>
/// The friendly pages the exception handler and the status-code pages re-execute to, for any method: they show the
/// request id so a person can quote it, never the error itself.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route(ErrorPagesExtensions.ExceptionPath)]
    public IActionResult Exception() => Notice(ErrorNotices.ForException());

    [Route(ErrorPagesExtensions.ExceptionPath + "/{statusCode:int}")]
    public IActionResult Status(int statusCode) => Notice(ErrorNotices.ForStatus(statusCode));

    private ViewResult Notice(NoticeViewModel notice)
    {
        Response.StatusCode = notice.StatusCode;
        return View("Notice", notice with { RequestId = HttpContext.TraceIdentifier });
    }
}
