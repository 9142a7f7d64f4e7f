using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Hosting;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.Extensions.Http;

namespace HerokuOAuthMvc.LocalHeroku;

public static partial class LocalHerokuExtensions
{
    /// <summary>
    /// In Development with no OAuth client configured, signs people in against a stand-in for Heroku served by the
    /// app itself, so a fresh clone runs without a Heroku account. Never in any other environment, and never on a
    /// dyno: a config var set to Development by mistake must not open a simulated sign-in to the internet.
    /// </summary>
    public static WebApplicationBuilder AddLocalHeroku(this WebApplicationBuilder builder)
    {
        var enabled = builder.Environment.IsDevelopment()
            && !HerokuEnvironment.IsHeroku(builder.Configuration)
            && string.IsNullOrWhiteSpace(HerokuOptionsSetup.ClientId(builder.Configuration));
        builder.Services.AddSingleton(new LocalHerokuMode(enabled));

        builder.Services.AddMvcCore().ConfigureApplicationPartManager(manager =>
        {
            manager.FeatureProviders.Remove(manager.FeatureProviders.OfType<ControllerFeatureProvider>().First());
            manager.FeatureProviders.Add(new LocalHerokuControllerFeatureProvider(enabled));
        });

        if (!enabled)
        {
            return builder;
        }

        builder.Services.AddSingleton<LocalHerokuIssuer>();
        builder.Services.AddSingleton<LocalHerokuBackchannelHandler>();
        builder.Services.AddSingleton<IHttpMessageHandlerBuilderFilter, LocalHerokuHandlerFilter>();

        builder.Services.PostConfigure<HerokuOptions>(options =>
        {
            options.ClientId = LocalHerokuIssuer.ClientId;
            options.ClientSecret = LocalHerokuIssuer.ClientSecret;
            options.AuthorizationEndpoint = LocalHerokuMode.AuthorizePath;
            options.TokenEndpoint = new Uri(LocalHerokuBackchannelHandler.BaseAddress, "oauth/token").AbsoluteUri;
            options.ApiBaseAddress = LocalHerokuBackchannelHandler.BaseAddress;
        });

        return builder;
    }

    /// <summary>Says loudly, once at start, that sign-in is simulated.</summary>
    public static WebApplication WarnIfLocalHeroku(this WebApplication app)
    {
        if (app.Services.GetRequiredService<LocalHerokuMode>().IsEnabled)
        {
            Log.Simulated(app.Logger, HerokuOptions.ClientIdVariable, HerokuOptions.ClientSecretVariable);
        }

        return app;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Sign-in with Heroku is SIMULATED by the local stand-in at /local-heroku (Development, no OAuth client). Set {ClientIdVariable} and {ClientSecretVariable} (or Heroku:ClientId / Heroku:ClientSecret in user-secrets) to use Heroku.")]
        internal static partial void Simulated(ILogger logger, string clientIdVariable, string clientSecretVariable);
    }
}
