using System.Text.Json.Serialization;

namespace HerokuOAuthMvc.Heroku;

/// <summary>
/// The part of <c>GET /apps/{name}</c> the command needs. The schema types <c>web_url</c> <c>["null","string"]</c>
/// (heroku/platform-api, <c>schema.json</c>, <c>app.web_url</c>).
/// </summary>
public sealed record HerokuApp(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("web_url")] Uri? WebUrl);

/// <summary>
/// A Heroku OAuth client. Heroku returns <see cref="Secret"/> when it creates a client or rotates its credentials;
/// whether listing returns it is not documented, so it may be null.
/// </summary>
public sealed record OAuthClient(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("redirect_uri")] string? RedirectUri,
    [property: JsonPropertyName("secret")] string? Secret)
{
    // The secret stays out of logs, exception messages and debugger views.
    public override string ToString() => $"{Name} ({Id})";
}

internal sealed record OAuthClientRequest(
    [property: JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonPropertyName("redirect_uri")] string RedirectUri);

[JsonSerializable(typeof(HerokuApp))]
[JsonSerializable(typeof(OAuthClient))]
[JsonSerializable(typeof(List<OAuthClient>))]
[JsonSerializable(typeof(OAuthClientRequest))]
[JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class PlatformApiJsonContext : JsonSerializerContext;
