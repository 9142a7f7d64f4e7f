using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// The Heroku Platform API as the signed-in person sees it. Its <see cref="HttpClient"/> comes from
/// <see cref="IHttpClientFactory"/> with the base address, the versioned <c>Accept</c> header and resilience set.
/// </summary>
public sealed class HerokuApiClient(HttpClient httpClient)
{
    public Task<HerokuAccount> GetAccountAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "account", accessToken, HerokuJsonContext.Default.HerokuAccount, cancellationToken);

    /// <summary>
    /// Revokes the authorization behind <paramref name="accessToken"/>. Heroku's token response does not name the
    /// authorization, so it is looked up as <c>~</c> (the current one, as the Heroku CLI's logout does) and then deleted.
    /// Whether an <c>identity</c>-scoped token may do either is not documented: callers treat failure as expected.
    /// </summary>
    public async Task RevokeAuthorizationAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        var authorization = await SendAsync(HttpMethod.Get, "oauth/authorizations/~", accessToken, HerokuJsonContext.Default.HerokuAuthorization, cancellationToken);
        await SendAsync(HttpMethod.Delete, $"oauth/authorizations/{Uri.EscapeDataString(authorization.Id)}", accessToken, HerokuJsonContext.Default.HerokuAuthorization, cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string accessToken, JsonTypeInfo<T> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await HerokuApiException.FromResponseAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync(body, cancellationToken)
            ?? throw new HerokuApiException(response.StatusCode, null, $"Heroku's Platform API answered /{path} with an empty body.");
    }
}
