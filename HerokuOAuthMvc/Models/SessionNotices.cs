namespace HerokuOAuthMvc.Models;

/// <summary>
/// What the app says when a session ends or Heroku fails after sign-in, in words that fit any page. The sign-in page
/// takes a notice by slug from its query string, so only these fixed texts can ever appear there.
/// </summary>
public static class SessionNotices
{
    public const string SessionEndedSlug = "session-ended";

    public const string SignedOutSlug = "signed-out";

    public static readonly NoticeViewModel SessionEnded = new(
        "Your session has ended",
        "Heroku no longer accepts this app's access to your account: it was revoked or has expired. Sign in again to carry on.")
    { Tone = "info" };

    public static readonly NoticeViewModel SignedOut = new(
        "You are signed out",
        "This browser no longer has a session with this app. Sign in again whenever you like.")
    { Tone = "success" };

    public static readonly NoticeViewModel RateLimited = new(
        "Heroku is rate limiting",
        "Your Heroku account has made too many API calls for now, so Heroku did not answer this time. Try again in a minute.",
        StatusCodes.Status429TooManyRequests)
    { OfferSignIn = false };

    public static readonly NoticeViewModel Unavailable = new(
        "Heroku is not answering",
        "We could not reach Heroku just now, so this page could not be brought up to date. This is usually brief: try again in a moment.",
        StatusCodes.Status503ServiceUnavailable)
    { OfferSignIn = false, Tone = "danger" };

    /// <summary>The notice the sign-in page shows for <paramref name="slug"/>; anything unknown shows none.</summary>
    public static NoticeViewModel? ForSignInPage(string? slug) => slug switch
    {
        SessionEndedSlug => SessionEnded,
        SignedOutSlug => SignedOut,
        _ => null,
    };
}
