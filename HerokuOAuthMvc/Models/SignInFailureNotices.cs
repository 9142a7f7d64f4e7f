using HerokuOAuthMvc.Authentication;

namespace HerokuOAuthMvc.Models;

/// <summary>What the failure page says for each way a sign-in can end without a session.</summary>
public static class SignInFailureNotices
{
    public static NoticeViewModel For(SignInFailure failure) => failure switch
    {
        SignInFailure.Denied => new NoticeViewModel(
            "You declined access",
            "You chose not to let this app read your Heroku account, so you are not signed in. Nothing was shared. You can sign in again whenever you like.",
            StatusCodes.Status403Forbidden) { Tone = "info" },
        SignInFailure.HerokuError => new NoticeViewModel(
            "Heroku did not complete the sign-in",
            "Heroku sent you back with an error instead of a sign-in. Please try again.",
            StatusCodes.Status400BadRequest),
        SignInFailure.InvalidState => new NoticeViewModel(
            "That sign-in link is not valid",
            "The sign-in could not be matched to one started here. It may be an old bookmark or a link from somewhere else. Start again from this site.",
            StatusCodes.Status400BadRequest),
        SignInFailure.Expired => new NoticeViewModel(
            "Your sign-in expired",
            "The sign-in took too long or your browser did not keep this site's cookies. Make sure cookies are allowed and try again.",
            StatusCodes.Status400BadRequest),
        SignInFailure.MissingCode => new NoticeViewModel(
            "That sign-in link is not complete",
            "The way back from Heroku arrived without its one-time code, so the sign-in could not finish. Start again from this site.",
            StatusCodes.Status400BadRequest),
        SignInFailure.CodeRejected => new NoticeViewModel(
            "Heroku did not accept the sign-in",
            "Heroku refused the one-time code for this sign-in. It may have been used already or expired. Please try again.",
            StatusCodes.Status400BadRequest),
        SignInFailure.Unauthorized => new NoticeViewModel(
            "Heroku did not accept the sign-in",
            "Heroku rejected access to your account right after you approved it. Please sign in again.",
            StatusCodes.Status401Unauthorized),
        SignInFailure.RateLimited => new NoticeViewModel(
            "Heroku is rate limiting",
            "Your Heroku account has made too many API calls for now. Try again in a minute.",
            StatusCodes.Status429TooManyRequests),
        _ => new NoticeViewModel(
            "Heroku is not answering",
            "We could not reach Heroku to finish signing you in. This is usually brief: try again in a moment.",
            StatusCodes.Status503ServiceUnavailable) { Tone = "danger" },
    };
}
