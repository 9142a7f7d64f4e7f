using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HerokuOAuthMvc.Hosting.DataProtection;

/// <summary>Points Data Protection at the key ring <see cref="KeyRingOptions.Source"/> chose, and says which at start.</summary>
internal sealed partial class KeyManagementSetup(
    IOptions<KeyRingOptions> keyRing,
    IServiceProvider services,
    ILogger<KeyManagementSetup> logger) : IConfigureOptions<KeyManagementOptions>
{
    public const string RedisKey = "HerokuOAuthMvc-DataProtection-Keys";

    public void Configure(KeyManagementOptions options)
    {
        var settings = keyRing.Value;
        switch (settings.Source)
        {
            case KeyRingSource.Redis:
                UseRedis(options);
                break;

            case KeyRingSource.CookieSecret:
                var repository = new CookieSecretXmlRepository(settings.CookieSecret!);
                options.XmlRepository = repository;
                options.AutoGenerateKeys = false;
                LogCookieSecret(logger, KeyRingOptions.CookieSecretVariable, repository.KeyId);
                break;

            default:
                LogLocal(logger, KeyRingOptions.CookieSecretVariable, KeyRingOptions.RedisUrlVariable);
                break;
        }
    }

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

    [LoggerMessage(2, LogLevel.Information, "Data Protection uses one key derived from {CookieSecretVariable} (key {KeyId}): the same on every dyno and after restarts.")]
    private static partial void LogCookieSecret(ILogger logger, string cookieSecretVariable, Guid keyId);

    [LoggerMessage(3, LogLevel.Information, "Data Protection uses this machine's local key ring; set {CookieSecretVariable} or {RedisUrlVariable} to share it between processes.")]
    private static partial void LogLocal(ILogger logger, string cookieSecretVariable, string redisUrlVariable);
}
