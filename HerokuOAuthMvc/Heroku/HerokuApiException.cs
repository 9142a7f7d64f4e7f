using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace HerokuOAuthMvc.Heroku;

/// <summary>The Platform API answered with an error status; <see cref="ErrorId"/> is Heroku's error id.</summary>
public sealed class HerokuApiException(HttpStatusCode statusCode, string? errorId, string message, string? herokuMessage = null)
    : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public string? ErrorId { get; } = errorId;

    /// <summary>Heroku's own words about the error (e.g. which parameter was invalid), when it sent any.</summary>
    public string? HerokuMessage { get; } = herokuMessage;

    public bool IsUnauthorized => StatusCode == HttpStatusCode.Unauthorized;

    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests;

    internal static async Task<HerokuApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        HerokuError? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync(HerokuJsonContext.Default.HerokuError, cancellationToken);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or NotSupportedException)
        {
            // Proxies and outages answer with HTML, another content type or nothing; the status code says enough.
        }

        var status = (int)response.StatusCode;
        return new HerokuApiException(
            response.StatusCode,
            error?.Id,
            $"Heroku's Platform API answered {status} ({error?.Id ?? response.ReasonPhrase}).",
            error?.Message);
    }
}

/// <summary>Heroku's error body: <c>{"id": "unauthorized", "message": "…"}</c>.</summary>
public sealed record HerokuError(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("message")] string? Message);
