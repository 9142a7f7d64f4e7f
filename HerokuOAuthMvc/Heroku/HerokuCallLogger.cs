using System.Text.Json;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// One warning line for each call on the OAuth back channel (code exchange, <c>GET /account</c> at sign-in, token
/// refresh) that failed in the end (after the resilience pipeline's retries), with the status and Heroku's error id
/// (<c>{"id": "rate_limit", …}</c>, or OAuth's <c>error</c>); the Platform API clients' failures get theirs from
/// <c>HerokuFailureFilter</c>. A successful call logs nothing, and HttpClient's and Polly's own lines stay at Debug
/// (appsettings.json). Never the request's headers or body, so never a token, code or secret.
/// </summary>
internal sealed partial class HerokuCallLogger(ILogger<HerokuCallLogger> logger) : DelegatingHandler
{
    // Heroku's error bodies are a few hundred bytes; a larger one is not read for its id.
    private const int MaxErrorBody = 16 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Unreachable(logger, request.Method.Method, request.RequestUri?.AbsolutePath, exception.GetType().Name);
            throw;
        }

        if (!response.IsSuccessStatusCode)
        {
            Log.Failed(logger, request.Method.Method, request.RequestUri?.AbsolutePath, (int)response.StatusCode, await ErrorIdAsync(response, cancellationToken));
        }

        return response;
    }

    private static async Task<string?> ErrorIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            // Buffered and read as bytes, never as the content's one stream, so whoever reads the answer next still gets
            // the whole body.
            await response.Content.LoadIntoBufferAsync(MaxErrorBody, cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
            return body.RootElement.ValueKind == JsonValueKind.Object
                && (body.RootElement.TryGetProperty("id", out var id) || body.RootElement.TryGetProperty("error", out id))
                && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (Exception exception) when (exception is JsonException or HttpRequestException or InvalidOperationException)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Warning, "Heroku answered {Status} ({ErrorId}) to {Method} {Path}.")]
        internal static partial void Failed(ILogger logger, string method, string? path, int status, string? errorId);

        [LoggerMessage(41, LogLevel.Warning, "Heroku could not be reached for {Method} {Path}: {ExceptionType}.")]
        internal static partial void Unreachable(ILogger logger, string method, string? path, string exceptionType);
    }
}
