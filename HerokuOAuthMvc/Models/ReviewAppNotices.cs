using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.ReviewApps;

namespace HerokuOAuthMvc.Models;

/// <summary>What the pages say while a review app has no OAuth client of its own yet.</summary>
public static class ReviewAppNotices
{
    public static NoticeViewModel SignInBeingSetUp { get; } = new(
        "Sign-in is being set up",
        $"This review app has no Heroku OAuth client yet. Its postdeploy script (HerokuOAuthMvc {ReviewAppCommand.Name} create) creates one and sets {HerokuOptions.ClientIdVariable} and {HerokuOptions.ClientSecretVariable}; Heroku then restarts the app and you can sign in. If this lasts more than a few minutes, the review app's postdeploy log says why: usually {ReviewAppEnvironment.ApiKeyVariable} is missing from the pipeline's review-app config vars.",
        StatusCodes.Status503ServiceUnavailable)
    {
        OfferSignIn = false,
        Tone = "info",
    };
}
