using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// The one way this app sends a Platform API request, whoever's credentials the client carries (the signed-in
/// person's token, or the review-app command's API key): an error status becomes a <see cref="HerokuApiException"/>
/// with Heroku's error id, and a success is read as source-generated JSON.
/// </summary>
public static class PlatformApiRequests
{
    /// <summary>Sends <paramref name="method"/> <paramref name="path"/> (relative to the API's root) and reads the answer as <typeparamref name="T"/>.</summary>
    public static async Task<T> SendToHerokuAsync<T>(
        this HttpClient httpClient,
        HttpMethod method,
        string path,
        JsonTypeInfo<T> answer,
        CancellationToken cancellationToken,
        HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await HerokuApiException.FromResponseAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync(answer, cancellationToken)
            ?? throw new HerokuApiException(response.StatusCode, null, $"Heroku's Platform API answered {method} /{path} with an empty body.");
    }

    /// <summary>Sends a request whose answer is not needed (a deletion); only its status counts.</summary>
    public static async Task SendToHerokuAsync(this HttpClient httpClient, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await HerokuApiException.FromResponseAsync(response, cancellationToken);
        }
    }
}
