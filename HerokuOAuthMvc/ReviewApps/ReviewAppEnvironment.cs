namespace HerokuOAuthMvc.ReviewApps;

/// <summary>The config vars a review app and its review-app command read.</summary>
public static class ReviewAppEnvironment
{
    /// <summary>Set by the team in the pipeline's review-app config vars; never printed.</summary>
    public const string ApiKeyVariable = "HEROKU_API_KEY";

    /// <summary>Injected by Heroku into every review app.</summary>
    public const string AppNameVariable = "HEROKU_APP_NAME";

    public const string PrNumberVariable = "HEROKU_PR_NUMBER";

    public const string BranchVariable = "HEROKU_BRANCH";

    /// <summary>Heroku injects the pull request number or the branch into review apps, and into no other app.</summary>
    public static bool IsReviewApp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[PrNumberVariable]) || !string.IsNullOrWhiteSpace(configuration[BranchVariable]);

    /// <summary>The name the review app's OAuth client carries, so that later runs and <c>delete</c> find it.</summary>
    public static string OAuthClientName(string appName) => $"HerokuOAuthMvc review app {appName}";
}
