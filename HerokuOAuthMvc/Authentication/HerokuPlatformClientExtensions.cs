using HerokuOAuthMvc.Heroku;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HerokuOAuthMvc.Authentication;

public static class HerokuPlatformClientExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/>, a typed client over <see cref="HttpClient"/>, for the Heroku Platform
    /// API as the signed-in person: the API's address and versioned <c>Accept</c> header, bounded retries, and the
    /// person's access token, refreshed when it is about to expire. Its failures (401, 429, 5xx, timeouts) reach the
    /// friendly pages on their own. See docs/extending.md.
    /// </summary>
    public static IHttpClientBuilder AddHerokuPlatformClient<TClient>(this IServiceCollection services)
        where TClient : class
    {
        services.AddHttpContextAccessor();
        services.TryAddTransient<HerokuAccessTokenHandler>();
        return services.AddPlatformApiClient<TClient>().AddHttpMessageHandler<HerokuAccessTokenHandler>();
    }
}
