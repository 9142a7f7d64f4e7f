#if (redis)
using System.Runtime.CompilerServices;
#endif
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
#if (redis)
using StackExchange.Redis;
#endif

namespace HerokuOAuthMvc.Hosting.DataProtection;

public static class KeyRingExtensions
{
    /// <summary>Keys are only readable by apps with the same name: fixed, so every dyno and release shares them.</summary>
    public const string ApplicationName = "HerokuOAuthMvc";

    /// <summary>
    /// Gives Data Protection (session cookie, OAuth state) a key ring every dyno shares and restarts keep:
#if (redis)
    /// Redis when <c>REDIS_URL</c> is set, else a key derived from <c>COOKIE_SECRET</c>, else (Development and local
    /// runs only) the local key ring. Checked at start.
#else
    /// a key derived from <c>COOKIE_SECRET</c>, else (Development and local runs only) the local key ring. Checked at
    /// start.
#endif
    /// </summary>
    public static WebApplicationBuilder AddHerokuKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);

        builder.Services.AddSingleton<KeyRingOptionsSetup>();
        builder.Services.AddSingleton<IConfigureOptions<KeyRingOptions>>(sp => sp.GetRequiredService<KeyRingOptionsSetup>());
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>>(sp => sp.GetRequiredService<KeyRingOptionsSetup>());
        builder.Services.AddOptions<KeyRingOptions>().ValidateOnStart();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>, KeyManagementSetup>();
#if (redis)

        if (!string.IsNullOrWhiteSpace(builder.Configuration[KeyRingOptions.RedisUrlVariable]))
        {
            AddRedisConnection(builder.Services);
        }
#endif

        return builder;
    }
#if (redis)

    // Only with REDIS_URL, and in a method of its own, kept out of line: without REDIS_URL, StackExchange.Redis is
    // never loaded, which a waking dyno would otherwise pay for.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddRedisConnection(IServiceCollection services) =>
        services.AddSingleton<IConnectionMultiplexer>(sp =>
            ConnectionMultiplexer.Connect(sp.GetRequiredService<IOptions<KeyRingOptions>>().Value.RedisConfiguration));
#endif
}
