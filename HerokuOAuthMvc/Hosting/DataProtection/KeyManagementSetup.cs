#if (redis)
using System.Runtime.CompilerServices;
#endif
using Microsoft.AspNetCore.DataProtection.KeyManagement;
#if (redis)
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
#endif
using Microsoft.Extensions.Options;
#if (redis)
using StackExchange.Redis;
#endif

namespace HerokuOAuthMvc.Hosting.DataProtection;

/// <summary>Points Data Protection at the key ring <see cref="KeyRingOptions.Source"/> chose, and says which at start.</summary>
internal sealed partial class KeyManagementSetup(
    IOptions<KeyRingOptions> keyRing,
#if (redis)
    IServiceProvider services,
#endif
    ILogger<KeyManagementSetup> logger) : IConfigureOptions<KeyManagementOptions>
{
#if (redis)
    public const string RedisKey = "HerokuOAuthMvc-DataProtection-Keys";

#endif
    public void Configure(KeyManagementOptions options)
    {
        var settings = keyRing.Value;
        switch (settings.Source)
        {
#if (redis)
            case KeyRingSource.Redis:
                UseRedis(options);
                break;

#endif
            case KeyRingSource.CookieSecret:
                var repository = new CookieSecretXmlRepository(settings.CookieSecret!);
                options.XmlRepository = repository;
                options.AutoGenerateKeys = false;
                LogCookieSecret(logger, KeyRingOptions.CookieSecretVariable, repository.KeyId);
                break;

            default:
#if (redis)
                LogLocal(logger, KeyRingOptions.CookieSecretVariable, KeyRingOptions.RedisUrlVariable);
#else
                LogLocal(logger, KeyRingOptions.CookieSecretVariable);
#endif
                break;
        }
    }
#if (redis)

    // Its own method, kept out of line, so the other key rings never load StackExchange.Redis.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void UseRedis(KeyManagementOptions options)
    {
        var redis = services.GetRequiredService<IConnectionMultiplexer>();
        options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), RedisKey);
        LogRedis(logger, KeyRingOptions.RedisUrlVariable, RedisKey);
    }

    [LoggerMessage(1, LogLevel.Information, "Data Protection keys live in Redis ({RedisUrlVariable}) under {RedisKey}, shared by every dyno and rotated as usual.")]
    private static partial void LogRedis(ILogger logger, string redisUrlVariable, string redisKey);
#endif

    [LoggerMessage(2, LogLevel.Information, "Data Protection uses one key derived from {CookieSecretVariable} (key {KeyId}): the same on every dyno and after restarts.")]
    private static partial void LogCookieSecret(ILogger logger, string cookieSecretVariable, Guid keyId);

#if (redis)
    [LoggerMessage(3, LogLevel.Information, "Data Protection uses this machine's local key ring; set {CookieSecretVariable} or {RedisUrlVariable} to share it between processes.")]
    private static partial void LogLocal(ILogger logger, string cookieSecretVariable, string redisUrlVariable);
#else
    [LoggerMessage(3, LogLevel.Information, "Data Protection uses this machine's local key ring; set {CookieSecretVariable} to share it between processes.")]
    private static partial void LogLocal(ILogger logger, string cookieSecretVariable);
#endif
}
