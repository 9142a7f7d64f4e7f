using System.Net.Http.Headers;
using HerokuOAuthMvc.Authentication.Heroku;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Heroku;

public static class HerokuServiceCollectionExtensions
{
    /// <summary>The named client behind the OAuth handler's back channel (code exchange, token refresh, /account at sign-in).</summary>
    public const string BackchannelClientName = "Heroku.Backchannel";

    private static readonly MediaTypeWithQualityHeaderValue ApiMediaType =
        MediaTypeWithQualityHeaderValue.Parse(HerokuAuthenticationDefaults.ApiMediaType);

    private static readonly ProductInfoHeaderValue UserAgent = new("HerokuOAuthMvc", "1.0");

    /// <summary>Binds and validates <see cref="HerokuOptions"/>.</summary>
    public static IServiceCollection AddHerokuOptions(this IServiceCollection services)
    {
        services.AddSingleton<HerokuOptionsSetup>();
        services.AddSingleton<IConfigureOptions<HerokuOptions>>(sp => sp.GetRequiredService<HerokuOptionsSetup>());
        services.AddSingleton<IValidateOptions<HerokuOptions>>(sp => sp.GetRequiredService<HerokuOptionsSetup>());
        services.AddOptions<HerokuOptions>().ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Registers <see cref="HerokuApiClient"/> and the back channel, both through <see cref="IHttpClientFactory"/>
    /// with bounded retries so a Heroku hiccup costs seconds, not the router's 30 s.
    /// </summary>
    public static IServiceCollection AddHerokuApiClient(this IServiceCollection services)
    {
        services.AddPlatformApiClient<HerokuApiClient>();

        services.AddHttpClient(BackchannelClientName, client => client.DefaultRequestHeaders.UserAgent.Add(UserAgent))
            .AddStandardResilienceHandler(options =>
            {
                ConfigureResilience(options);

                // An authorization code works once: retrying its exchange would only turn a slow answer into invalid_grant.
                options.Retry.DisableForUnsafeHttpMethods();
            });

        return services;
    }

    /// <summary>
    /// A typed client for the Platform API: base address from <see cref="HerokuOptions.ApiBaseAddress"/>, the versioned
    /// <c>Accept</c> header, and bounded retries of safe requests only (a retried POST could create a second resource).
    /// </summary>
    internal static IServiceCollection AddPlatformApiClient<TClient>(this IServiceCollection services, Action<HttpClient>? configure = null)
        where TClient : class
    {
        services.AddHttpClient<TClient>((sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<HerokuOptions>>().Value.ApiBaseAddress;
                client.DefaultRequestHeaders.Accept.Add(ApiMediaType);
                client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
                configure?.Invoke(client);
            })
            .AddStandardResilienceHandler(options =>
            {
                ConfigureResilience(options);
                options.Retry.DisableForUnsafeHttpMethods();
            });
        return services;
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions options)
    {
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(250);
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(12);
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
    }
}
