using System.Net;

namespace AspNet.Security.OAuth.Heroku;

/// <summary>
/// A failed Heroku callback, as <see cref="RemoteFailureContext.Failure"/>: the step that failed, Heroku's OAuth
/// <c>error</c> when it sent one, and the status Heroku answered when a call failed.
/// </summary>
public sealed class HerokuAuthenticationFailureException : AuthenticationFailureException
{
    /// <summary>Creates the failure of one step of the callback.</summary>
    /// <param name="failure">The step that failed.</param>
    /// <param name="message">What happened, for logs; it may quote text from the callback's query.</param>
    /// <param name="statusCode">The status Heroku answered, when a call to Heroku failed.</param>
    /// <param name="error">Heroku's OAuth <c>error</c> code, when it sent one.</param>
    /// <param name="innerException">The failure the base handler or the back channel reported, if any.</param>
    public HerokuAuthenticationFailureException(
        HerokuCallbackFailure failure,
        string message,
        HttpStatusCode? statusCode = null,
        string? error = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>The step of the callback that failed.</summary>
    public HerokuCallbackFailure Failure { get; }

    /// <summary>
    /// The status Heroku answered for <see cref="HerokuCallbackFailure.TokenEndpoint"/> and
    /// <see cref="HerokuCallbackFailure.UserInformationEndpoint"/>; otherwise <see langword="null"/>.
    /// </summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// Heroku's OAuth <c>error</c> code (for example <c>access_denied</c> or <c>invalid_grant</c>), when one came back.
    /// It comes from the request's query or Heroku's answer: escape and bound it before showing or logging it.
    /// </summary>
    public string? Error { get; }
}
