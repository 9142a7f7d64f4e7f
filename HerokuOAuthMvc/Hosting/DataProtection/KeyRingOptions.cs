#if (redis)
using StackExchange.Redis;

#endif
namespace HerokuOAuthMvc.Hosting.DataProtection;

/// <summary>Where the Data Protection key ring (which signs and encrypts the session cookie) comes from.</summary>
public enum KeyRingSource
{
    /// <summary>Development or a local run: the usual key ring in the user profile.</summary>
    Local,

    /// <summary>One key derived from <c>COOKIE_SECRET</c>: the same on every dyno and after every restart.</summary>
    CookieSecret,
#if (redis)

    /// <summary>The key ring kept in Redis (Heroku Key-Value Store) with normal rotation.</summary>
    Redis,
#endif
}

/// <summary>The config vars that decide where the key ring lives; see <see cref="Source"/>.</summary>
public sealed class KeyRingOptions
{
    public const string CookieSecretVariable = "COOKIE_SECRET";
#if (redis)
    public const string RedisUrlVariable = "REDIS_URL";
#endif

    public string? CookieSecret { get; set; }
#if (redis)

    public string? RedisUrl { get; set; }
#endif

    public bool OnHeroku { get; set; }

    public bool IsDevelopment { get; set; }

#if (redis)
    /// <summary>
    /// <c>REDIS_URL</c> wins wherever it is set; otherwise <c>COOKIE_SECRET</c> outside Development; otherwise the
    /// local key ring, which on Heroku would sign everyone out at each restart and differ per dyno, so the
    /// validator refuses it there.
    /// </summary>
    public KeyRingSource Source =>
        !string.IsNullOrWhiteSpace(RedisUrl) ? KeyRingSource.Redis
        : !string.IsNullOrWhiteSpace(CookieSecret) && !IsDevelopment ? KeyRingSource.CookieSecret
        : KeyRingSource.Local;

    /// <summary>The parsed <c>REDIS_URL</c>; only valid once the options have been validated.</summary>
    public ConfigurationOptions RedisConfiguration =>
        RedisUrls.TryParse(RedisUrl, out var configuration) ? configuration : throw new InvalidOperationException($"{RedisUrlVariable} is not a Redis URL.");
#else
    /// <summary>
    /// <c>COOKIE_SECRET</c> outside Development; otherwise the local key ring, which on Heroku would sign everyone out
    /// at each restart and differ per dyno, so the validator refuses it there.
    /// </summary>
    public KeyRingSource Source =>
        !string.IsNullOrWhiteSpace(CookieSecret) && !IsDevelopment ? KeyRingSource.CookieSecret : KeyRingSource.Local;
#endif
}
