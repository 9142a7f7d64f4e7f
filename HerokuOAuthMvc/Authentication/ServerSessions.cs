using System.Runtime.CompilerServices;
using HerokuOAuthMvc.Hosting.DataProtection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// Server-side sessions when Heroku Key-Value Store is attached (<c>REDIS_URL</c>): the session lives in Redis
/// (<see cref="RedisTicketStore"/>, on a connection of its own beside the key ring's) and the cookie carries only its key.
/// Without <c>REDIS_URL</c>, sessions stay in the cookie and StackExchange.Redis is never loaded.
/// </summary>
public static class ServerSessions
{
    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[KeyRingOptions.RedisUrlVariable]);

    public static WebApplicationBuilder AddServerSessions(this WebApplicationBuilder builder)
    {
        if (IsEnabled(builder.Configuration))
        {
            AddRedisTicketStore(builder.Services);
        }

        return builder;
    }

    /// <summary>
    /// While Redis cannot be reached, a page that needs the session answers with the friendly 503 page instead of
    /// treating the visitor as signed out, and a sign-in, Refresh or sign-out that cannot write the session does too;
    /// the session is still in Redis when it is back. Goes before authentication.
    /// </summary>
    public static WebApplication UseServerSessions(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.Use(AnswerOutagesAsync);
        }

        return app;
    }

    internal static void MarkOutage(HttpContext? httpContext) => httpContext?.Features.Set(Outage.Instance);

    private static async Task AnswerOutagesAsync(HttpContext context, RequestDelegate next)
    {
        if (IsPage(context) && !IsReExecuted(context))
        {
            // The cookie handler keeps this result, so authentication reuses it: still one Redis round trip.
            await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (context.Features.Get<Outage>() is not null)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
        }

        try
        {
            await next(context);
        }
        catch (SessionStoreUnavailableException) when (!context.Response.HasStarted)
        {
            // Nothing of the failed response (no new or deleted cookie) is sent: the status-code page says to try again.
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
    }

    // Pages and forms (MVC actions) need to know who is signed in; static files and /healthz do not.
    private static bool IsPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>() is not null;

    private static bool IsReExecuted(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null;

    // Its own method, kept out of line, so a dyno without REDIS_URL never loads StackExchange.Redis.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddRedisTicketStore(IServiceCollection services)
    {
        // Sessions have a connection of their own, whose replies are read and completed on the runtime's thread pool,
        // where the request goes on, instead of on the client's dedicated threads (a thread hand-off, a futex wake and a
        // context switch, per page view). The key ring keeps the dedicated threads: Data Protection reads it
        // synchronously, and a reply that needed a pool thread could wait behind the very requests blocked on it.
        services.AddKeyedSingleton<IConnectionMultiplexer>(RedisTicketStore.Connection, (provider, _) =>
        {
            var configuration = provider.GetRequiredService<IOptions<KeyRingOptions>>().Value.RedisConfiguration;
            configuration.SocketManager = SocketManager.ThreadPool;
            return ConnectionMultiplexer.Connect(configuration);
        });
        services.AddSingleton<RedisTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<RedisTicketStore>((options, store) => options.SessionStore = store);
    }

    /// <summary>Set on a request whose session could not be read because Redis did not answer.</summary>
    internal sealed class Outage
    {
        public static readonly Outage Instance = new();
    }
}

/// <summary>Redis did not answer while a session was written or deleted; the request ends on a 503 page.</summary>
public sealed class SessionStoreUnavailableException(Exception innerException)
    : Exception("The session store (Redis) did not answer.", innerException);
