using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using HerokuOAuthMvc.Heroku;

namespace HerokuOAuthMvc.ReviewApps;

/// <summary>
/// The Platform API calls the review-app command makes with the team's API key: the app, its config vars and OAuth
/// clients. Its <see cref="HttpClient"/> comes from <see cref="IHttpClientFactory"/> with the key, the versioned
/// <c>Accept</c> header and resilience set.
/// </summary>
public sealed class HerokuPlatformClient(HttpClient httpClient)
{
    private static PlatformApiJsonContext Json => PlatformApiJsonContext.Default;

    public Task<HerokuApp> GetAppAsync(string appName, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"apps/{Uri.EscapeDataString(appName)}", Json.HerokuApp, cancellationToken);

    public Task<Dictionary<string, string?>> GetConfigVarsAsync(string appName, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, ConfigVarsPath(appName), Json.DictionaryStringString, cancellationToken);

    /// <summary>Sets the given config vars (Heroku restarts the app with them); others are left alone.</summary>
    public Task<Dictionary<string, string?>> SetConfigVarsAsync(string appName, Dictionary<string, string?> configVars, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, ConfigVarsPath(appName), Json.DictionaryStringString, cancellationToken,
            JsonContent.Create(configVars, Json.DictionaryStringString));

    public Task<List<OAuthClient>> ListOAuthClientsAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "oauth/clients", Json.ListOAuthClient, cancellationToken);

    public Task<OAuthClient> CreateOAuthClientAsync(string name, Uri redirectUri, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "oauth/clients", Json.OAuthClient, cancellationToken,
            JsonContent.Create(new OAuthClientRequest(name, redirectUri.AbsoluteUri), Json.OAuthClientRequest));

    public Task<OAuthClient> UpdateOAuthClientRedirectUriAsync(string clientId, Uri redirectUri, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, ClientPath(clientId), Json.OAuthClient, cancellationToken,
            JsonContent.Create(new OAuthClientRequest(null, redirectUri.AbsoluteUri), Json.OAuthClientRequest));

    /// <summary>Gives the client a new secret and returns it: the only way to learn the secret of an existing client.</summary>
    public Task<OAuthClient> RotateOAuthClientCredentialsAsync(string clientId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, ClientPath(clientId) + "/actions/rotate-credentials", Json.OAuthClient, cancellationToken);

    /// <summary>Deletes the client; false when Heroku no longer knows it.</summary>
    public async Task<bool> DeleteOAuthClientAsync(string clientId, CancellationToken cancellationToken)
    {
        try
        {
            await httpClient.SendToHerokuAsync(HttpMethod.Delete, ClientPath(clientId), cancellationToken);
            return true;
        }
        catch (HerokuApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static string ConfigVarsPath(string appName) => $"apps/{Uri.EscapeDataString(appName)}/config-vars";

    private static string ClientPath(string clientId) => $"oauth/clients/{Uri.EscapeDataString(clientId)}";

    private Task<T> SendAsync<T>(HttpMethod method, string path, JsonTypeInfo<T> answer, CancellationToken cancellationToken, HttpContent? content = null) =>
        httpClient.SendToHerokuAsync(method, path, answer, cancellationToken, content);
}
