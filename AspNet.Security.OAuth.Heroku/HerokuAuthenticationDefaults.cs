namespace AspNet.Security.OAuth.Heroku;

/// <summary>Default values used by the Heroku authentication handler.</summary>
public static class HerokuAuthenticationDefaults
{
    /// <summary>Default value for <see cref="AuthenticationScheme.Name"/>.</summary>
    public const string AuthenticationScheme = "Heroku";

    /// <summary>Default value for <see cref="AuthenticationScheme.DisplayName"/>.</summary>
    public static readonly string DisplayName = "Heroku";

    /// <summary>Default value for <see cref="AuthenticationSchemeOptions.ClaimsIssuer"/>.</summary>
    public static readonly string Issuer = "Heroku";

    /// <summary>Default value for <see cref="RemoteAuthenticationOptions.CallbackPath"/>.</summary>
    public static readonly string CallbackPath = "/signin-heroku";

    /// <summary>Default value for <see cref="OAuthOptions.AuthorizationEndpoint"/>; Heroku supports the <c>code</c> response type only.</summary>
    public static readonly string AuthorizationEndpoint = "https://id.heroku.com/oauth/authorize";

    /// <summary>Default value for <see cref="OAuthOptions.TokenEndpoint"/>, used for the code exchange and for refreshing tokens.</summary>
    public static readonly string TokenEndpoint = "https://id.heroku.com/oauth/token";

    /// <summary>Default value for <see cref="OAuthOptions.UserInformationEndpoint"/>: the Platform API's account resource.</summary>
    public static readonly string UserInformationEndpoint = "https://api.heroku.com/account";
}
