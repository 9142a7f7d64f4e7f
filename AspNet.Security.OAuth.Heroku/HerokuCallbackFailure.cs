namespace AspNet.Security.OAuth.Heroku;

/// <summary>
/// Which step of Heroku's callback failed (<see cref="HerokuAuthenticationFailureException.Failure"/>), so that an app
/// classifies failures by type, never by message text.
/// </summary>
public enum HerokuCallbackFailure
{
    /// <summary>The <c>state</c> was missing or not one this app issued.</summary>
    InvalidState,

    /// <summary>The correlation cookie was missing or did not match: the sign-in took too long, or cookies are blocked.</summary>
    CorrelationFailed,

    /// <summary>
    /// The person declined consent on Heroku's page: <c>error=access_denied</c>, which Heroku sends back without the
    /// <c>state</c> it was given.
    /// </summary>
    AccessDenied,

    /// <summary>Heroku came back with an OAuth <c>error</c> other than <c>access_denied</c> instead of a code.</summary>
    RemoteError,

    /// <summary>A valid <c>state</c> came back without a usable <c>code</c> (missing, empty, or under another name).</summary>
    MissingCode,

    /// <summary>Heroku's token endpoint refused the code exchange; <see cref="HerokuAuthenticationFailureException.StatusCode"/> says how.</summary>
    TokenEndpoint,

    /// <summary>
    /// The Platform API's <c>GET /account</c> answered an error status to the new token (for example 401 or 429);
    /// <see cref="HerokuAuthenticationFailureException.StatusCode"/> says which.
    /// </summary>
    UserInformationEndpoint,
}
