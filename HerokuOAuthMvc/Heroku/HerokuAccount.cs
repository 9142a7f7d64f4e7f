using System.Text.Json.Serialization;

namespace HerokuOAuthMvc.Heroku;

/// <summary>What <c>GET /account</c> says about the signed-in person (the fields the <c>identity</c> scope returns that the app uses).</summary>
public sealed record HerokuAccount
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("email")]
    public required string Email { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("verified")]
    public bool Verified { get; init; }

    [JsonPropertyName("two_factor_authentication")]
    public bool TwoFactorAuthentication { get; init; }

    [JsonPropertyName("federated")]
    public bool Federated { get; init; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonPropertyName("last_login")]
    public DateTimeOffset? LastLogin { get; init; }

    /// <summary>The name to greet with: Heroku accounts may have none, so fall back to the email.</summary>
    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Email : Name;
}
