using System.Net;
using System.Text.Json;
using HerokuOAuthMvc.Heroku;
using Polly.Timeout;

namespace HerokuOAuthMvc.ReviewApps;

/// <summary>A step of the review-app command failed: <see cref="Reason"/> says why in one line, without secrets.</summary>
public sealed class ReviewAppStepException(string step, Exception cause) : Exception($"Could not {step}.", cause)
{
    public string Step { get; } = step;

    public int ExitCode => InnerException switch
    {
        HerokuApiException { StatusCode: HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden } => ReviewAppCommand.ExitCodes.NoPermission,
        HerokuApiException { StatusCode: HttpStatusCode.TooManyRequests } => ReviewAppCommand.ExitCodes.TryAgainLater,
        HerokuApiException { StatusCode: >= HttpStatusCode.InternalServerError } => ReviewAppCommand.ExitCodes.TryAgainLater,
        HttpRequestException or TimeoutRejectedException => ReviewAppCommand.ExitCodes.TryAgainLater,
        _ => ReviewAppCommand.ExitCodes.Failed,
    };

    public string Reason => InnerException switch
    {
        HerokuApiException { StatusCode: HttpStatusCode.Unauthorized } e =>
            $"Heroku rejected {ReviewAppEnvironment.ApiKeyVariable} ({Status(e)}): it is wrong, expired or revoked. Create a new key with `heroku authorizations:create` and replace it in the pipeline's review-app config vars.",
        HerokuApiException { StatusCode: HttpStatusCode.Forbidden } e =>
            $"{ReviewAppEnvironment.ApiKeyVariable} may not do this ({Status(e)}): it needs the global scope, from an account that can manage this review app.",
        HerokuApiException { StatusCode: HttpStatusCode.NotFound } e =>
            $"Heroku found nothing there ({Status(e)}): check {ReviewAppEnvironment.AppNameVariable} and that the account behind {ReviewAppEnvironment.ApiKeyVariable} can see the app.",
        HerokuApiException { StatusCode: HttpStatusCode.UnprocessableEntity } e =>
            $"Heroku refused the request ({Status(e)}){(string.IsNullOrWhiteSpace(e.HerokuMessage) ? "." : ": " + OneLine(e.HerokuMessage))}",
        HerokuApiException { StatusCode: HttpStatusCode.TooManyRequests } e =>
            $"Heroku is rate limiting this API key ({Status(e)}): wait a minute, then run the command again.",
        HerokuApiException { StatusCode: >= HttpStatusCode.InternalServerError } e =>
            $"Heroku's Platform API is failing ({Status(e)}): run the command again in a few minutes.",
        HttpRequestException e => $"Heroku's Platform API could not be reached ({OneLine(e.Message)}).",
        TimeoutRejectedException => "Heroku's Platform API did not answer in time: run the command again.",
        JsonException => "Heroku's answer was not the JSON this command expects.",
        { } e => OneLine(e.Message),
        null => "unknown failure.",
    };

    internal static bool IsHerokuFailure(Exception e) => e is HerokuApiException or JsonException || HerokuFailures.IsUnreachable(e);

    private static string Status(HerokuApiException e) => $"{(int)e.StatusCode} {e.ErrorId ?? e.StatusCode.ToString()}";

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
