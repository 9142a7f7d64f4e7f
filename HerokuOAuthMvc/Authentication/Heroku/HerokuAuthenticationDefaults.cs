namespace HerokuOAuthMvc.Authentication.Heroku;

/// <summary>Default values used by the Heroku authentication handler.</summary>
public static class HerokuAuthenticationDefaults
{
    /// <summary>Default value for <see cref="Microsoft.AspNetCore.Authentication.AuthenticationScheme.Name"/>.</summary>
    public const string AuthenticationScheme = "Heroku";

    /// <summary>Default value for <see cref="Microsoft.AspNetCore.Authentication.AuthenticationScheme.DisplayName"/>.</summary>
    public static readonly string DisplayName = "Heroku";

    /// <summary>Default value for <see cref="Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions.ClaimsIssuer"/>.</summary>
    public static readonly string Issuer = "Heroku";

    /// <summary>Default value for <see cref="Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions.CallbackPath"/>.</summary>
    public static readonly string CallbackPath = "/signin-heroku";

    /// <summary>Heroku's authorization endpoint; it supports the <c>code</c> response type only.</summary>
    public static readonly string AuthorizationEndpoint = "https://id.heroku.com/oauth/authorize";

    /// <summary>Heroku's token endpoint, used for the code exchange and for refreshing tokens.</summary>
    public static readonly string TokenEndpoint = "https://id.heroku.com/oauth/token";

    /// <summary>The Platform API resource that describes the signed-in account.</summary>
    public static readonly string UserInformationEndpoint = "https://api.heroku.com/account";

    /// <summary>
    /// The Platform API media type. Without an explicit version the API answers <c>406 Not Acceptable</c>.
    /// </summary>
    public static readonly string ApiMediaType = "application/vnd.heroku+json; version=3";

    /// <summary>The read-only scope that is enough to call <c>GET /account</c>.</summary>
    public static readonly string IdentityScope = "identity";
}
