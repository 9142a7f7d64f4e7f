using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using StackExchange.Redis;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// Keeps each session (the account's claims and Heroku's tokens) in Redis, so the cookie carries only an opaque key:
/// sign-out deletes the entry, and a copied cookie is refused by every dyno at once. An entry lives for
/// <see cref="HerokuSignInExtensions.SessionLifetime"/> after the last request that read it (<c>GETEX</c>: one round
/// trip per page view, sliding included). Redis failing is never a lost session: reading marks the request with
/// <see cref="ServerSessions.Outage"/>, writing and deleting throw <see cref="SessionStoreUnavailableException"/>, and
/// <see cref="ServerSessions.UseServerSessions"/> turns both into a 503 page while the entry waits in Redis.
/// </summary>
internal sealed partial class RedisTicketStore : ITicketStore
{
    public const string KeyPrefix = "HerokuOAuthMvc-Session:";

    /// <summary>The key of the sessions' own Redis connection (<see cref="ServerSessions"/>).</summary>
    public const string Connection = "sessions";

    /// <summary>How many sessions' last read entries are kept to skip deserializing them again; cleared all at once when full.</summary>
    public const int ReadCapacity = 1024;

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisTicketStore> _logger;

    // The entry each session's key last read from Redis, with its ticket: Redis is still asked on every view (sign-out
    // on another dyno is seen at once), only the deserialization of bytes seen before is skipped.
    private readonly BoundedCache<ReadEntry> _lastRead = new(ReadCapacity);

    public RedisTicketStore([FromKeyedServices(Connection)] IConnectionMultiplexer redis, ILogger<RedisTicketStore> logger)
    {
        _redis = redis;
        _logger = logger;
        LogSessionsInRedis(logger, KeyPrefix);
    }

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        // 256 random bits: the key is the session, so it must not be guessable.
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await WriteAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null, cancellationToken);

    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken) =>
        WriteAsync(key, ticket);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        byte[]? entry;
        try
        {
            entry = await ReadAndSlideAsync(key);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // Not thrown: the cookie handler would keep the failure for the whole request, error page included.
            LogUnavailable(_logger, "read", exception.GetType().Name);
            ServerSessions.MarkOutage(httpContext);
            return null;
        }

        if (entry is null)
        {
            _lastRead.Remove(key);
            return null;
        }

        if (_lastRead.TryGetValue(key, out var last) && entry.AsSpan().SequenceEqual(last.Entry))
        {
            // A clone: the request may change its ticket (Refresh), and the kept one must stay what Redis holds.
            return last.Ticket.Clone();
        }

        if (TicketSerializer.Default.Deserialize(entry) is not { } ticket)
        {
            return null;
        }

        // Redis keeps the expiry; without one in the ticket, the cookie handler neither rejects it nor rewrites it.
        ticket.Properties.ExpiresUtc = null;
        _lastRead.Set(key, new ReadEntry(entry, ticket.Clone()));
        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        try
        {
            await Database.KeyDeleteAsync(RedisKey(key));
            _lastRead.Remove(key);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // Signing out must delete the entry, or a copied cookie would still work: the person stays signed in and is asked to try again.
            LogUnavailable(_logger, "delete", exception.GetType().Name);
            throw new SessionStoreUnavailableException(exception);
        }
    }

    private IDatabase Database => _redis.GetDatabase();

    // GETEX reads the entry and slides its lifetime in one round trip. Not awaited in an async method: its state machine
    // would hold a Redis value type, and MVC's scan of the app's types would then load StackExchange.Redis on every
    // dyno, REDIS_URL or not.
    private Task<byte[]?> ReadAndSlideAsync(string key) =>
        Database.StringGetSetExpiryAsync(RedisKey(key), HerokuSignInExtensions.SessionLifetime).ContinueWith(
            read => (byte[]?)read.GetAwaiter().GetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static RedisKey RedisKey(string key) => KeyPrefix + key;

    private static bool IsRedisFailure(Exception exception) => exception is RedisException or TimeoutException;

    private async Task WriteAsync(string key, AuthenticationTicket ticket)
    {
        try
        {
            await Database.StringSetAsync(RedisKey(key), TicketSerializer.Default.Serialize(ticket), HerokuSignInExtensions.SessionLifetime);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            LogUnavailable(_logger, "write", exception.GetType().Name);
            throw new SessionStoreUnavailableException(exception);
        }
    }

    private sealed record ReadEntry(byte[] Entry, AuthenticationTicket Ticket);

    [LoggerMessage(40, LogLevel.Information, "Sessions live in Redis under {KeyPrefix}…: the cookie carries only the session's key, and sign-out deletes the session on every dyno.")]
    private static partial void LogSessionsInRedis(ILogger logger, string keyPrefix);

    [LoggerMessage(41, LogLevel.Warning, "Redis did not answer; could not {Operation} a session: {ExceptionType}.")]
    private static partial void LogUnavailable(ILogger logger, string operation, string exceptionType);
}
