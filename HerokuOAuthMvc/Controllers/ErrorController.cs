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
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    // Typed in by hand rather than re-executed after a failure, these addresses are just pages that do not exist.
    [Route(ErrorPagesExtensions.ExceptionPath)]
    public IActionResult Exception() =>
        this.Notice(HttpContext.Features.Get<IExceptionHandlerPathFeature>() is null
            ? ErrorNotices.ForStatus(StatusCodes.Status404NotFound)
            : ErrorNotices.ForException());

    // The status is the failure's own, from the re-execution: nothing is bound from the request, whose form or query
    // could otherwise name any status (0, 101, 999) or fail to be read. Typed in, any /error/4xx or 5xx is a 404.
    [Route(ErrorPagesExtensions.ExceptionPath + "/{statusCode:int:range(400,599)}")]
    public IActionResult Status() =>
        this.Notice(ErrorNotices.ForStatus(HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? StatusCodes.Status404NotFound));
}
