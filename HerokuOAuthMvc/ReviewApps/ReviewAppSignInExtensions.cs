using AspNet.Security.OAuth.Heroku;
using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.ReviewApps;

public static partial class ReviewAppSignInExtensions
{
    /// <summary>
    /// A review app boots before its postdeploy script has created its OAuth client (the options let it, see
    /// <see cref="HerokuOptionsSetup"/>). Until the script sets the client, the Heroku scheme is taken out, because its
    /// options would fail every request without a client id; the pages say that sign-in is being set up instead.
    /// </summary>
    public static IServiceCollection AddReviewAppSignIn(this IServiceCollection services)
    {
        services.AddTransient<IStartupFilter, PendingSignInStartupFilter>();
        return services;
    }

    private sealed class PendingSignInStartupFilter(
        IOptions<HerokuOptions> heroku,
        IAuthenticationSchemeProvider schemes,
        ILogger<PendingSignInStartupFilter> logger) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        {
            if (!heroku.Value.HasClient)
            {
                schemes.RemoveScheme(HerokuAuthenticationDefaults.AuthenticationScheme);
                Log.SignInPending(logger, HerokuOptions.ClientIdVariable, HerokuOptions.ClientSecretVariable, ReviewAppEnvironment.ApiKeyVariable);
            }

            return next;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Review app without an OAuth client: sign-in is off until the postdeploy script (review-app create) sets {ClientIdVariable} and {ClientSecretVariable}. If it does not, check that the pipeline's review-app config vars hold {ApiKeyVariable}.")]
        internal static partial void SignInPending(ILogger logger, string clientIdVariable, string clientSecretVariable, string apiKeyVariable);
    }
}
