using System.Net;
using System.Text.RegularExpressions;
using HerokuOAuthMvc.Heroku;
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

    /// <summary>Heroku refused to exchange the authorization code.</summary>
    CodeRejected,

    /// <summary>Heroku rejected the new token when reading the account.</summary>
    Unauthorized,

    /// <summary>Heroku's rate limit for the account is spent.</summary>
    RateLimited,

    /// <summary>Heroku could not be reached or failed.</summary>
    Unavailable,
}

internal static partial class SignInFailures
{
    /// <summary>Classifies a failed callback from what Heroku sent and what the handler threw.</summary>
    public static SignInFailure Classify(RemoteFailureContext context)
    {
        var error = context.Request.Query["error"].ToString();

        // Heroku redirects a denial without "state", so the handler reports a state failure: look at "error" first.
        if (string.Equals(error, "access_denied", StringComparison.Ordinal))
        {
            return SignInFailure.Denied;
        }

        if (error.Length > 0)
        {
            return SignInFailure.HerokuError;
        }

        return context.Failure switch
        {
            HttpRequestException { StatusCode: HttpStatusCode.Unauthorized } => SignInFailure.Unauthorized,
            HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => SignInFailure.RateLimited,
            Exception exception when HerokuFailures.IsUnreachable(exception) || exception is OperationCanceledException => SignInFailure.Unavailable,
            AuthenticationFailureException { InnerException: { } inner } when HerokuFailures.IsUnreachable(inner) => SignInFailure.Unavailable,
            AuthenticationFailureException ex when IsCodeExchange(ex) => TokenEndpointStatus(ex) switch
            {
                HttpStatusCode.TooManyRequests => SignInFailure.RateLimited,
                >= HttpStatusCode.InternalServerError => SignInFailure.Unavailable,
                _ => SignInFailure.CodeRejected,
            },
            { Message: var message } when message.Contains("Correlation failed", StringComparison.Ordinal) => SignInFailure.Expired,
            { Message: var message } when message.Contains("state", StringComparison.OrdinalIgnoreCase) => SignInFailure.InvalidState,
            _ => SignInFailure.Unavailable,
        };
    }

    // OAuthHandler reports a refused code exchange as "OAuth token endpoint failure: …".
    private static bool IsCodeExchange(AuthenticationFailureException exception) =>
        exception.Message.Contains("token endpoint", StringComparison.OrdinalIgnoreCase);

    // …followed by "Status: ServiceUnavailable;Headers: …" when the answer carries no OAuth "error" (Heroku's never does):
    // a token endpoint that is down is not a rejected code.
    private static HttpStatusCode? TokenEndpointStatus(AuthenticationFailureException exception) =>
        StatusPattern().Match(exception.Message) is { Success: true } match && Enum.TryParse<HttpStatusCode>(match.Groups[1].Value, out var status)
            ? status
            : null;

    [GeneratedRegex(@"Status: (\w+);")]
    private static partial Regex StatusPattern();

    public static string ToSlug(this SignInFailure failure) => failure switch
    {
        SignInFailure.Denied => "denied",
        SignInFailure.HerokuError => "heroku-error",
        SignInFailure.InvalidState => "invalid-state",
        SignInFailure.Expired => "expired",
        SignInFailure.CodeRejected => "code-rejected",
        SignInFailure.Unauthorized => "unauthorized",
        SignInFailure.RateLimited => "rate-limited",
        _ => "unavailable",
    };

    // A reason this app never writes comes from a hand-made link.
    public static SignInFailure FromSlug(string? slug) =>
        Enum.GetValues<SignInFailure>().FirstOrDefault(f => f.ToSlug() == slug, SignInFailure.InvalidState);
}
