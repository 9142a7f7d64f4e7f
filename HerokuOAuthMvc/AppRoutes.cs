namespace HerokuOAuthMvc;

/// <summary>
/// The paths that sign-in and the pages share, in one place, so that <c>Authentication/</c> and <c>Controllers/</c>
/// need not know each other. A page of one's own keeps its path on its action (<c>[HttpGet("/apps")]</c>).
/// </summary>
public static class AppRoutes
{
    /// <summary>The sign-in page; it is also the home page.</summary>
    public const string Home = "/";

    /// <summary>Where a sign-in lands unless it was started from another page.</summary>
    public const string Account = "/user";

    public const string AccountRefresh = Account + "/refresh";

    /// <summary>Starts the OAuth flow (a POST from the sign-in button).</summary>
    public const string SignIn = "/auth/heroku";

    /// <summary>Where Heroku sends people back: the Go tutorial's path, so an OAuth client registered for it works unchanged.</summary>
    public const string SignInCallback = "/auth/heroku/callback";

    public const string SignInFailed = "/auth/heroku/failed";

    public const string SignOut = "/auth/signout";

    /// <summary>The sign-in page's query parameter naming one of its fixed notices (see <c>Models/SessionNotices</c>).</summary>
    public const string NoticeParameter = "notice";

    /// <summary>Where a sign-in lands afterwards: the sign-in page's query parameter and the sign-in form's field.</summary>
    public const string ReturnUrlParameter = "returnUrl";
}
