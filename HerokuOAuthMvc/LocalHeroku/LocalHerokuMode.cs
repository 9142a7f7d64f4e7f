namespace HerokuOAuthMvc.LocalHeroku;

/// <summary>Whether sign-in is simulated by the local stand-in; views show a banner when it is.</summary>
public sealed record LocalHerokuMode(bool IsEnabled)
{
    public const string PathPrefix = "/local-heroku";
    public const string AuthorizePath = PathPrefix + "/oauth/authorize";
}
