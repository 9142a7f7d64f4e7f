using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
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
    // Typed in by hand rather than re-executed after a failure, these addresses are just pages that do not exist.
    [Route(ErrorPagesExtensions.ExceptionPath)]
    public IActionResult Exception() =>
        this.Notice(HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null
            ? ErrorNotices.ForStatus(StatusCodes.Status404NotFound)
            : ErrorNotices.ForException());

    // Only error statuses: /error/204 or /error/0 would otherwise render a body the status forbids.
    [Route(ErrorPagesExtensions.ExceptionPath + "/{statusCode:int:range(400,599)}")]
    public IActionResult Status(int statusCode) =>
        this.Notice(ErrorNotices.ForStatus(HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null ? StatusCodes.Status404NotFound : statusCode));
}
