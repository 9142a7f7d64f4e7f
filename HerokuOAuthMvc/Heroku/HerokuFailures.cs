using System.Text.Json;
using Polly;

namespace HerokuOAuthMvc.Heroku;

/// <summary>What counts as "Heroku could not be reached": one definition for sign-in, refresh and the review-app command.</summary>
public static class HerokuFailures
{
    /// <summary>
    /// A connection failure, a timeout or an open circuit from the resilience pipeline, or an answer that was not
    /// Heroku's JSON (a proxy's error page). Programming errors are not in the list: they must surface.
    /// </summary>
    public static bool IsUnreachable(Exception exception) =>
        exception is HttpRequestException or TimeoutException or ExecutionRejectedException or JsonException;
}
