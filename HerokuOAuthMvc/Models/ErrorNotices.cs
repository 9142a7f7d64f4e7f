namespace HerokuOAuthMvc.Models;

/// <summary>What the error pages say for a failure or an error status, in plain words and without technical detail.</summary>
public static class ErrorNotices
{
    public static NoticeViewModel ForException() => new(
        "Something went wrong",
        "The app ran into a problem it did not expect. Nothing you did caused it. Please try again; if it keeps happening, quote the request id below.",
        StatusCodes.Status500InternalServerError) { Tone = "danger", OfferSignIn = false };

    public static NoticeViewModel ForStatus(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest => new NoticeViewModel(
            "That request could not be handled",
            "The form may have expired, or the request was not what this site expects. Go back, reload the page and try again.",
            statusCode) { OfferSignIn = false },
        StatusCodes.Status403Forbidden => new NoticeViewModel(
            "Not allowed",
            "You are not allowed to see this page.",
            statusCode) { OfferSignIn = false },
        StatusCodes.Status404NotFound => new NoticeViewModel(
            "Page not found",
            "There is no page at this address. Check the link, or start again from the home page.",
            statusCode) { Tone = "info", OfferSignIn = false },
        StatusCodes.Status405MethodNotAllowed => new NoticeViewModel(
            "Page not found",
            "This address does not answer that kind of request. Start again from the home page.",
            statusCode) { Tone = "info", OfferSignIn = false },
        StatusCodes.Status413PayloadTooLarge => new NoticeViewModel(
            "That request was too large",
            "It carried more than this site accepts. Go back, reload the page and try again.",
            statusCode) { OfferSignIn = false },
        StatusCodes.Status415UnsupportedMediaType => new NoticeViewModel(
            "That request could not be read",
            "It was sent in a character set this site does not read. Go back, reload the page and try again.",
            statusCode) { OfferSignIn = false },
        StatusCodes.Status429TooManyRequests => new NoticeViewModel(
            "Too many requests",
            "You have sent many requests in a short time. Wait a minute and try again.",
            statusCode) { OfferSignIn = false },
        StatusCodes.Status503ServiceUnavailable => new NoticeViewModel(
            "Briefly unavailable",
            "Part of the site is not answering right now. Nothing is lost, and if you were signed in, you still are: try again in a moment. If it keeps happening, quote the request id below.",
            statusCode) { Tone = "danger", OfferSignIn = false },
        >= 500 => ForException() with { StatusCode = statusCode },
        _ => new NoticeViewModel(
            "That did not work",
            "The site could not complete this request. Start again from the home page.",
            statusCode) { OfferSignIn = false },
    };
}
