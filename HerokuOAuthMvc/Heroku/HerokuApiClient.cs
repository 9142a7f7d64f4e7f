using System.Text.Json.Serialization;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// The Heroku Platform API as the signed-in person sees it. Its <see cref="HttpClient"/> comes from
/// <see cref="IHttpClientFactory"/> (<c>AddHerokuPlatformClient</c>) with the base address, the versioned
/// <c>Accept</c> header, resilience, and the person's access token, refreshed when it is about to expire: a method
/// here says what to ask for and nothing else. Heroku's failures come out as exceptions that one filter turns into
/// the friendly pages.
/// </summary>
public sealed class HerokuApiClient(HttpClient httpClient)
{
    private static HerokuJsonContext Json => HerokuJsonContext.Default;

    /// <summary><c>GET /account</c> (the <c>identity</c> scope).</summary>
    public Task<HerokuAccount> GetAccountAsync(CancellationToken cancellationToken = default) =>
        httpClient.SendToHerokuAsync(HttpMethod.Get, "account", Json.HerokuAccount, cancellationToken);
#if (appsPage)

    /// <summary><c>GET /apps</c>: the apps the person can see (the <c>read</c> scope or broader).</summary>
    public Task<List<HerokuAppSummary>> GetAppsAsync(CancellationToken cancellationToken = default) =>
        httpClient.SendToHerokuAsync(HttpMethod.Get, "apps", Json.ListHerokuAppSummary, cancellationToken);
#endif

    /// <summary><c>GET /oauth/authorizations</c>: every authorization of the account (the <c>global</c> scope).</summary>
    public Task<List<HerokuAuthorization>> ListAuthorizationsAsync(CancellationToken cancellationToken = default) =>
        httpClient.SendToHerokuAsync(HttpMethod.Get, "oauth/authorizations", Json.ListHerokuAuthorization, cancellationToken);

    /// <summary><c>DELETE /oauth/authorizations/{id}</c>: revokes that authorization and its tokens.</summary>
    public Task DeleteAuthorizationAsync(string id, CancellationToken cancellationToken = default) =>
        httpClient.SendToHerokuAsync(HttpMethod.Delete, $"oauth/authorizations/{Uri.EscapeDataString(id)}", cancellationToken);
}

/// <summary>An app as <c>GET /apps</c> lists it (the fields the apps page shows).</summary>
public sealed record HerokuAppSummary(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("web_url")] Uri? WebUrl,
    [property: JsonPropertyName("updated_at")] DateTimeOffset? UpdatedAt);

/// <summary>An OAuth authorization as <c>GET /oauth/authorizations</c> lists it: enough to find the session's own.</summary>
public sealed record HerokuAuthorization(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("access_token")] HerokuAuthorizationToken? AccessToken,
    [property: JsonPropertyName("client")] HerokuAuthorizationClient? Client);

public sealed record HerokuAuthorizationToken([property: JsonPropertyName("token")] string? Token)
{
    // The token stays out of logs, exception messages and debugger views.
    public override string ToString() => nameof(HerokuAuthorizationToken);
}

public sealed record HerokuAuthorizationClient([property: JsonPropertyName("id")] string? Id);

/// <summary>
/// Source-generated JSON for everything <see cref="HerokuApiClient"/> reads. A new model gets one more
/// <c>[JsonSerializable]</c> line here: a second <c>partial</c> declaration of this context breaks the generator (CS8785).
/// </summary>
[JsonSerializable(typeof(HerokuAccount))]
#if (appsPage)
[JsonSerializable(typeof(List<HerokuAppSummary>))]
#endif
[JsonSerializable(typeof(List<HerokuAuthorization>))]
[JsonSerializable(typeof(HerokuError))]
internal sealed partial class HerokuJsonContext : JsonSerializerContext;
