using AspNet.Security.OAuth.Heroku;
using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Authentication;

public static partial class HerokuSignInExtensions
{
    /// <summary>Where Heroku sends people back (<see cref="AppRoutes.SignInCallback"/>).</summary>
    public const string CallbackPath = AppRoutes.SignInCallback;

    public const string CookieName = "heroku-oauth-mvc";

    /// <summary>Tutorial parity: the session lasts as long as a Heroku access token, 8 hours.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    /// <summary>
    /// Cookie sessions, signed in through Heroku, with the provider configured from <see cref="HerokuOptions"/>, its back
    /// channel, token refresh, and the session the pages read.
    /// </summary>
    public static IServiceCollection AddHerokuSignIn(this IServiceCollection services)
    {
        services.AddHerokuBackchannel();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = SessionLifetime;
                options.SlidingExpiration = true;

                // The sign-in page is the home page; /user sends strangers there.
                options.LoginPath = AppRoutes.Home;
                options.LogoutPath = AppRoutes.SignOut;
                options.AccessDeniedPath = AppRoutes.Home;

                // The handler builds the sign-in redirect from the request's Host header; a relative one cannot be
                // turned into a redirect to another site by a forged Host.
                options.Events.OnRedirectToLogin = context =>
                {
                    context.Response.Redirect(new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } uri ? uri.PathAndQuery : context.RedirectUri);
                    return Task.CompletedTask;
                };
            })
            .AddHeroku(options =>
            {
                options.CallbackPath = CallbackPath;
                options.SaveTokens = true;
                options.CorrelationCookie.HttpOnly = true;
                options.Events.OnRemoteFailure = OnRemoteFailure;
                HerokuAccountClaims.CutForDisplay(options.ClaimActions);

                // A sign-in writes two lines at the default level: the handler's "Heroku was challenged" as it starts,
                // and signed in (or why it failed).
                options.Events.OnTicketReceived = context =>
                {
                    Log.SignedIn(Logger(context.HttpContext));
                    return Task.CompletedTask;
                };
            });

        services.AddSingleton<IAuthenticationSchemeProvider, RequestSchemeProvider>();
        services.AddScoped<IAuthenticationService, VisitorAuthenticationService>();

        services.AddOptions<HerokuAuthenticationOptions>(HerokuAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<HerokuOptions>, IHttpMessageHandlerFactory>((options, heroku, handlerFactory) =>
            {
                var settings = heroku.Value;
                options.ClientId = settings.ClientId ?? string.Empty;
                options.ClientSecret = settings.ClientSecret ?? string.Empty;
                options.AuthorizationEndpoint = settings.AuthorizationEndpoint;
                options.TokenEndpoint = settings.TokenEndpoint;
                options.UserInformationEndpoint = settings.AccountEndpoint.AbsoluteUri;
                options.Scope.Clear();
                foreach (var scope in settings.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    options.Scope.Add(scope);
                }

                options.Backchannel = HerokuServiceCollectionExtensions.CreateBackchannel(handlerFactory);
            });

        // After the cookie handler's own post-configuration has made the format, so the cache wraps the real one.
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .PostConfigure<TimeProvider>((options, time) => options.TicketDataFormat = new CachedTicketDataFormat(options.TicketDataFormat, time));

        services.AddSingleton<HerokuTokenRefresher>();
        services.AddHttpContextAccessor();
        services.AddScoped<HerokuSession>();
        services.AddSingleton<RevocationNotice>();
        services.AddAuthorization();
        return services;
    }

    // Every way a callback can fail ends on the account controller's friendly page, never on a 500.
    private static Task OnRemoteFailure(RemoteFailureContext context)
    {
        var failure = SignInFailures.Classify(context);
        Log.SignInFailed(Logger(context.HttpContext), failure, context.Failure?.GetType().Name);

        context.Response.Redirect($"{AppRoutes.SignInFailed}?reason={failure.ToSlug()}");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HerokuSignInExtensions));

    private static partial class Log
    {
        [LoggerMessage(12, LogLevel.Information, "Signed in with Heroku.")]
        internal static partial void SignedIn(ILogger logger);

        [LoggerMessage(10, LogLevel.Warning, "Sign-in with Heroku failed: {Failure} ({ExceptionType}).")]
        internal static partial void SignInFailed(ILogger logger, SignInFailure failure, string? exceptionType);
    }
}
