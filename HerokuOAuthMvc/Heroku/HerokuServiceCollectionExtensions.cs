using System.Net;
using System.Net.Http.Headers;
using AspNet.Security.OAuth.Heroku;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace HerokuOAuthMvc.Heroku;

public static class HerokuServiceCollectionExtensions
{
    /// <summary>The named client behind the OAuth handler's back channel (code exchange, token refresh, /account at sign-in).</summary>
    public const string BackchannelClientName = "Heroku.Backchannel";

    private static readonly MediaTypeWithQualityHeaderValue ApiMediaType =
        MediaTypeWithQualityHeaderValue.Parse(HerokuAuthenticationConstants.ApiMediaType);

    private static readonly ProductInfoHeaderValue UserAgent = new("HerokuOAuthMvc", "1.0");

    /// <summary>Binds and validates <see cref="HerokuOptions"/> and <see cref="HerokuResilienceOptions"/>.</summary>
    public static IServiceCollection AddHerokuOptions(this IServiceCollection services)
    {
        services.AddSingleton<HerokuOptionsSetup>();
        services.AddSingleton<IConfigureOptions<HerokuOptions>>(sp => sp.GetRequiredService<HerokuOptionsSetup>());
        services.AddSingleton<IValidateOptions<HerokuOptions>>(sp => sp.GetRequiredService<HerokuOptionsSetup>());
        services.AddOptions<HerokuOptions>().ValidateOnStart();
        services.AddOptions<HerokuResilienceOptions>()
            .BindConfiguration(HerokuResilienceOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HerokuResilienceOptions>, HerokuResilienceOptions.Validator>();
        return services;
    }

    /// <summary>
    /// Registers the OAuth back channel (code exchange, token refresh, <c>GET /account</c> at sign-in) through
    /// <see cref="IHttpClientFactory"/> with bounded retries (<see cref="HerokuResilienceOptions"/>), so a Heroku hiccup
    /// costs seconds, not the router's 30 s.
    /// </summary>
    public static IServiceCollection AddHerokuBackchannel(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new HerokuHttpClient(BackchannelClientName));
        services.TryAddTransient<HerokuCallLogger>();
        services.AddHttpClient(BackchannelClientName, client => client.DefaultRequestHeaders.UserAgent.Add(UserAgent))
            .AddHttpMessageHandler<HerokuCallLogger>()
            .AddBoundedStandardResilienceHandler()
            .Configure((options, sp) =>
            {
                ConfigureResilience(options, sp);

                // An authorization code works once: retrying its exchange would only turn a slow answer into invalid_grant.
                options.Retry.DisableForUnsafeHttpMethods();
            });

        return services;
    }

    /// <summary>
    /// The OAuth handler's back channel: the <see cref="BackchannelClientName"/> client, whose handlers are only built
    /// when sign-in first needs them, so no page view before that pays for them.
    /// </summary>
    internal static HttpClient CreateBackchannel(IHttpMessageHandlerFactory handlerFactory)
    {
        var backchannel = new HttpClient(new HttpClientFactoryHandler(handlerFactory, BackchannelClientName));
        backchannel.DefaultRequestHeaders.UserAgent.Add(UserAgent);
        return backchannel;
    }

    /// <summary>
    /// A typed client for the Platform API: base address from <see cref="HerokuOptions.ApiBaseAddress"/>, the versioned
    /// <c>Accept</c> header, and bounded retries of safe requests only (a retried POST could create a second resource).
    /// The credentials are the caller's to add (a message handler, or <paramref name="configure"/>).
    /// </summary>
    public static IHttpClientBuilder AddPlatformApiClient<TClient>(this IServiceCollection services, Action<HttpClient>? configure = null)
        where TClient : class
    {
        services.TryAddSingleton(TimeProvider.System);
        var name = typeof(TClient).FullName!;
        services.AddSingleton(new HerokuHttpClient(name));
        var builder = services.AddHttpClient<TClient>(name, (sp, client) =>
        {
            client.BaseAddress = sp.GetRequiredService<IOptions<HerokuOptions>>().Value.ApiBaseAddress;
            client.DefaultRequestHeaders.Accept.Add(ApiMediaType);
            client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
            configure?.Invoke(client);
        });
        builder.AddBoundedStandardResilienceHandler()
            .Configure((options, sp) =>
            {
                ConfigureResilience(options, sp);
                options.Retry.DisableForUnsafeHttpMethods();
            });
        return builder;
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions options, IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<HerokuResilienceOptions>>().Value;
        options.Retry.MaxRetryAttempts = settings.MaxRetryAttempts;
        options.Retry.Delay = settings.RetryDelay;
        options.Retry.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
        options.AttemptTimeout.Timeout = settings.AttemptTimeout;
        options.TotalRequestTimeout.Timeout = settings.TotalTimeout;
        options.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome));
        options.CircuitBreaker.SamplingDuration = Max(TimeSpan.FromSeconds(10), 2 * settings.AttemptTimeout);
    }

    // Heroku's 429 means the account's hourly pool is spent: a retry within seconds cannot succeed, and honouring its
    // Retry-After would outlast the router. Only failures that a second try can fix are retried.
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome) && outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>The name of an <see cref="IHttpClientFactory"/> client that talks to Heroku (the back channel, each Platform API client).</summary>
public sealed record HerokuHttpClient(string Name);
