#if (redis)
using HerokuOAuthMvc.Hosting.DataProtection;

#endif
namespace HerokuOAuthMvc.Hosting;

public static class HealthCheckExtensions
{
    public const string Path = "/healthz";

#if (redis)
    /// <summary>The app answers, and when the key ring lives in Redis, Redis answers too.</summary>
    public static WebApplicationBuilder AddHerokuHealthChecks(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[KeyRingOptions.RedisUrlVariable]))
        {
            checks.AddCheck<RedisHealthCheck>("redis");
        }

        return builder;
    }
#else
    /// <summary>The app answers.</summary>
    public static WebApplicationBuilder AddHerokuHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks();
        return builder;
    }
#endif

    public static WebApplication MapHealthz(this WebApplication app)
    {
        app.MapHealthChecks(Path);
        return app;
    }
}
