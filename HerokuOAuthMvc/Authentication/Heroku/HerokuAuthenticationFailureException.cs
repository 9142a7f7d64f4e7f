using System.Net;
using Microsoft.AspNetCore.Authentication;

namespace HerokuOAuthMvc.Authentication.Heroku;

/// <summary>Which step of Heroku's callback failed, so that callers classify failures by type, never by message text.</summary>
public enum HerokuCallbackFailure
{
    /// <summary>The <c>state</c> was missing or not one this app issued.</summary>
    InvalidState,

    /// <summary>The correlation cookie was missing or did not match: the sign-in took too long, or cookies are blocked.</summary>
    CorrelationFailed,

    /// <summary>Heroku came back with an OAuth <c>error</c> instead of a code.</summary>
    RemoteError,

    /// <summary>A valid <c>state</c> came back without a usable <c>code</c> (missing, empty, or under another name).</summary>
    MissingCode,

    /// <summary>Heroku's token endpoint refused the code exchange; <see cref="HerokuAuthenticationFailureException.StatusCode"/> says how.</summary>
    TokenEndpoint,
}

/// <summary>A failed Heroku callback, with the step that failed and, for the code exchange, the status Heroku answered.</summary>
public sealed class HerokuAuthenticationFailureException(
    HerokuCallbackFailure failure,
    string message,
    HttpStatusCode? statusCode = null,
    Exception? innerException = null)
    : AuthenticationFailureException(message, innerException)
{
    public HerokuCallbackFailure Failure { get; } = failure;

    public HttpStatusCode? StatusCode { get; } = statusCode;
}
