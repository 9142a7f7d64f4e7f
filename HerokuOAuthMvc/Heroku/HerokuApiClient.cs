using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// The Heroku Platform API as the signed-in person sees it. Its <see cref="HttpClient"/> comes from
/// <see cref="IHttpClientFactory"/> with the base address, the versioned <c>Accept</c> header and resilience set.
/// </summary>
public sealed class HerokuApiClient(HttpClient httpClient)
{
    public async Task<HerokuAccount> GetAccountAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "account");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await HerokuApiException.FromResponseAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync(HerokuJsonContext.Default.HerokuAccount, cancellationToken)
            ?? throw new HerokuApiException(response.StatusCode, null, "Heroku's Platform API answered /account with an empty body.");
    }
}
