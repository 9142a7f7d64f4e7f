using System.Net;
using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HerokuOAuthMvc.Controllers;

/// <summary>
/// A page that still has something to show while Heroku fails (the greeting has the account kept with the session):
/// the failure filter shows it beside the notice instead of the bare notice page.
/// </summary>
public interface IHerokuFailurePage
{
    /// <summary>The page with <paramref name="notice"/> on it, or null to show the notice page alone.</summary>
    IActionResult? WithNotice(NoticeViewModel notice);
}

/// <summary>
/// The one place where Heroku's failures, in any controller action, become the friendly pages: 401 (or a refresh
/// token Heroku refuses) ends the session and the sign-in page says so; 429 is the rate-limit page; 403 (the granted
/// scope or the account may not do it) a 403 notice, 404 a 404 notice, and any other 4xx a 502 "Heroku refused the
/// request"; 5xx, timeouts and refused connections after the retries are the 503 page. Every notice carries the
/// request id, and each failure is one warning in the log with the status and Heroku's error id. Anything else is
/// not Heroku's and goes on to the error page.
/// </summary>
internal sealed partial class HerokuFailureFilter(ILogger<HerokuFailureFilter> logger) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled)
        {
            return;
        }

        var aborted = context.HttpContext.RequestAborted.IsCancellationRequested;
        NoticeViewModel notice;
        switch (exception)
        {
            case HerokuApiException { StatusCode: HttpStatusCode.Unauthorized } refused:
                Log.Refused(logger, (int)refused.StatusCode, refused.ErrorId);
                // Resolved only here: most actions never fail.
                await context.HttpContext.RequestServices.GetRequiredService<HerokuSession>().EndAsync();
                executed.Result = new RedirectResult($"{AppRoutes.Home}?{AppRoutes.NoticeParameter}={SessionNotices.SessionEndedSlug}");
                executed.ExceptionHandled = true;
                return;
            case HerokuApiException { StatusCode: >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError } refused:
                Log.Refused(logger, (int)refused.StatusCode, refused.ErrorId);
                notice = ForRefusal(refused.StatusCode);
                break;
            case HerokuApiException failed:
                Log.Refused(logger, (int)failed.StatusCode, failed.ErrorId);
                notice = SessionNotices.Unavailable;
                break;
            case var unreachable when HerokuFailures.IsUnreachable(unreachable) || (unreachable is OperationCanceledException && !aborted):
                Log.Unreachable(logger, unreachable.GetType().Name);
                notice = SessionNotices.Unavailable;
                break;
            default:
                return;
        }

        notice = notice with { RequestId = context.HttpContext.TraceIdentifier };
        context.HttpContext.Response.StatusCode = notice.StatusCode;
        executed.Result = (executed.Controller as IHerokuFailurePage)?.WithNotice(notice)
            ?? (IActionResult?)(executed.Controller as Controller)?.Notice(notice)
            ?? new StatusCodeResult(notice.StatusCode);
        executed.ExceptionHandled = true;
    }

    // Heroku answered, and said no: its 4xx are about this request, not an outage, so each gets a notice that says so.
    // 401 never gets here (it ends the session above).
    private static NoticeViewModel ForRefusal(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => SessionNotices.RateLimited,
        HttpStatusCode.Forbidden => SessionNotices.Forbidden,
        HttpStatusCode.NotFound => SessionNotices.NotFound,
        _ => SessionNotices.Refused,
    };

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Warning, "Heroku refused a Platform API call: {Status} ({ErrorId}).")]
        internal static partial void Refused(ILogger logger, int status, string? errorId);

        [LoggerMessage(31, LogLevel.Warning, "Heroku's Platform API could not be reached: {ExceptionType}.")]
        internal static partial void Unreachable(ILogger logger, string exceptionType);
    }
}
