using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.RateLimiting;

public static class SignInRateLimitingExtensions
{
    /// <summary>
    /// ASP.NET Core rate limiting on starting sign-in (<c>POST /auth/heroku</c>) and on Heroku's callback, per client
    /// address (<see cref="ConnectionInfo.RemoteIpAddress"/>: on Heroku the forwarded headers set it from the router's
    /// <c>X-Forwarded-For</c>). Nothing else is limited. Refusals answer 429 with <c>Retry-After</c>.
    /// </summary>
    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<SignInRateLimitingOptions>()
            .BindConfiguration(SignInRateLimitingOptions.SectionName)
            .Validate(options => options.SignInPermitsPerMinute > 0, "RateLimiting:SignInPermitsPerMinute must be at least 1.")
            .ValidateOnStart();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInRateLimitingOptions>>((options, limits) =>
        {
            var permits = limits.Value.SignInPermitsPerMinute;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, permits));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The status-code pages (Hosting/ErrorPagesExtensions.cs) turn the empty 429 into the friendly page.
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });

        return services;
    }

    /// <summary>
    /// After forwarded headers (the client's address) and the status-code pages (the friendly 429), before
    /// authentication, because the callback is answered by the authentication middleware, not by an endpoint.
    /// </summary>
    /// <remarks>Only the two sign-in steps go through the limiter: every other request skips it.</remarks>
    public static WebApplication UseSignInRateLimiting(this WebApplication app)
    {
        app.UseWhen(context => SignInStep(context.Request) is not null, branch => branch.UseRateLimiter());
        return app;
    }

    private static string? SignInStep(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(AppRoutes.SignIn, StringComparison.OrdinalIgnoreCase) ? "start"
        : request.Path.Equals(AppRoutes.SignInCallback, StringComparison.OrdinalIgnoreCase) ? "callback"
        : null;

    private static RateLimitPartition<string> Partition(HttpContext context, int permits)
    {
        if (SignInStep(context.Request) is not { } step)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        return RateLimitPartition.GetFixedWindowLimiter($"{step} {Address(context)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        IPAddress address => address.ToString(),
        null => "unknown",
    };
}
