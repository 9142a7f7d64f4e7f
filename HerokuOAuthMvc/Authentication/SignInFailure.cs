using System.Net;
using AspNet.Security.OAuth.Heroku;
using Microsoft.AspNetCore.Authentication;

namespace HerokuOAuthMvc.Authentication;

/// <summary>Why a sign-in did not end with a session, in the words the failure page uses.</summary>
public enum SignInFailure
{
    /// <summary>The person pressed Deny on Heroku's consent page.</summary>
    Denied,

    /// <summary>Heroku sent back an <c>error</c> other than <c>access_denied</c>.</summary>
    HerokuError,

    /// <summary>The callback's <c>state</c> was missing or not ours: a stale bookmark or a forged link.</summary>
    InvalidState,

    /// <summary>The correlation cookie was missing or expired: the sign-in took too long or cookies are blocked.</summary>
    Expired,

    /// <summary>The callback had a valid <c>state</c> but no usable <c>code</c>: a truncated or hand-made link.</summary>
    MissingCode,

    /// <summary>Heroku refused to exchange the authorization code.</summary>
    CodeRejected,

    /// <summary>Heroku rejected the new token when reading the account.</summary>
    Unauthorized,

    /// <summary>Heroku's rate limit for the account is spent.</summary>
    RateLimited,

    /// <summary>Heroku could not be reached or failed.</summary>
    Unavailable,
}

internal static class SignInFailures
{
    /// <summary>Classifies a failed callback by the step the provider says failed and the status Heroku answered.</summary>
    public static SignInFailure Classify(RemoteFailureContext context) => context.Failure switch
    {
        HerokuAuthenticationFailureException { Failure: HerokuCallbackFailure.AccessDenied } => SignInFailure.Denied,
        HerokuAuthenticationFailureException { Failure: HerokuCallbackFailure.RemoteError } => SignInFailure.HerokuError,
        HerokuAuthenticationFailureException { Failure: HerokuCallbackFailure.InvalidState } => SignInFailure.InvalidState,
        HerokuAuthenticationFailureException { Failure: HerokuCallbackFailure.CorrelationFailed } => SignInFailure.Expired,
        HerokuAuthenticationFailureException { Failure: HerokuCallbackFailure.MissingCode } => SignInFailure.MissingCode,
        HerokuAuthenticationFailureException { Failure: HerokuCallbackFailure.TokenEndpoint, StatusCode: var status } => status switch
        {
            HttpStatusCode.TooManyRequests => SignInFailure.RateLimited,
            >= HttpStatusCode.InternalServerError => SignInFailure.Unavailable,
            _ => SignInFailure.CodeRejected,
        },
        HerokuAuthenticationFailureException { Failure: HerokuCallbackFailure.UserInformationEndpoint, StatusCode: HttpStatusCode.Unauthorized } => SignInFailure.Unauthorized,
        HerokuAuthenticationFailureException { Failure: HerokuCallbackFailure.UserInformationEndpoint, StatusCode: HttpStatusCode.TooManyRequests } => SignInFailure.RateLimited,

        // Unreachable, timed out, an answer that was not Heroku's JSON, or a step the provider does not name.
        _ => SignInFailure.Unavailable,
    };

    public static string ToSlug(this SignInFailure failure) => failure switch
    {
        SignInFailure.Denied => "denied",
        SignInFailure.HerokuError => "heroku-error",
        SignInFailure.InvalidState => "invalid-state",
        SignInFailure.Expired => "expired",
        SignInFailure.MissingCode => "missing-code",
        SignInFailure.CodeRejected => "code-rejected",
        SignInFailure.Unauthorized => "unauthorized",
        SignInFailure.RateLimited => "rate-limited",
        _ => "unavailable",
    };

    // A reason this app never writes comes from a hand-made link.
    public static SignInFailure FromSlug(string? slug) =>
        Enum.GetValues<SignInFailure>().FirstOrDefault(f => f.ToSlug() == slug, SignInFailure.InvalidState);
}
