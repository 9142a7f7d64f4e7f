using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HerokuOAuthMvc.Heroku;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// Swaps a refresh token for a new access token at Heroku's token endpoint (<c>grant_type=refresh_token</c>), through the
/// OAuth back channel. Requests carrying the same session share one refresh: the browser sends several at once
/// (tabs, double clicks), and those that arrive just after it ended reuse its answer instead of refreshing again.
/// </summary>
public sealed partial class HerokuTokenRefresher(
    IHttpClientFactory httpClientFactory,
    IOptions<HerokuOptions> options,
    TimeProvider timeProvider,
    ILogger<HerokuTokenRefresher> logger)
{
    /// <summary>A token with less than this left is refreshed before a call, so no call starts with a token about to die.</summary>
    public static readonly TimeSpan RefreshWindow = TimeSpan.FromMinutes(5);

    /// <summary>How long a successful refresh is handed to requests that still carry the old cookie.</summary>
    public static readonly TimeSpan SharedResultLifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Lazy<Task<TokenRefreshResult>>> _refreshes = new(StringComparer.Ordinal);

    /// <summary>The number of refreshes in flight or still shared; each is forgotten once it is no longer useful.</summary>
    internal int PendingCount => _refreshes.Count;

    public Task<TokenRefreshResult> RefreshAsync(string refreshToken)
    {
        var key = KeyOf(refreshToken);
        // A shared token that is itself about to expire (Heroku's last only seconds in tests) is of no use.
        if (_refreshes.TryGetValue(key, out var shared) && IsAboutToExpire(shared))
        {
            _refreshes.TryRemove(KeyValuePair.Create(key, shared));
        }

        Lazy<Task<TokenRefreshResult>>? candidate = null;
        candidate = new Lazy<Task<TokenRefreshResult>>(() => RequestAndShareAsync(key, refreshToken, candidate!));
        return _refreshes.GetOrAdd(key, candidate).Value;
    }

    /// <summary>Drops what is shared for a session that has ended, so no request with an old cookie picks its tokens up.</summary>
    public void Forget(string refreshToken) => _refreshes.TryRemove(KeyOf(refreshToken), out _);

    // A refresh token stands for one sign-in (one browser), so it keys the refresh; only its hash is kept.
    private static string KeyOf(string refreshToken) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));

    private bool IsAboutToExpire(Lazy<Task<TokenRefreshResult>> refresh) =>
        refresh.IsValueCreated && refresh.Value.IsCompletedSuccessfully
        && refresh.Value.Result.ExpiresAt - timeProvider.GetUtcNow() <= RefreshWindow;

    private async Task<TokenRefreshResult> RequestAndShareAsync(string key, string refreshToken, Lazy<Task<TokenRefreshResult>> entry)
    {
        TokenRefreshResult result;
        try
        {
            result = await RequestAsync(refreshToken);
        }
        catch (Exception exception)
        {
            // Whatever failed (the network, a timeout, a body that is not Heroku's, a bug), this refresh failed: it is
            // logged here once and, below, never shared, so the next Refresh calls Heroku again.
            Log.Failed(logger, exception.GetType().Name);
            result = TokenRefreshResult.Unavailable;
        }

        if (result.Status == TokenRefreshStatus.Refreshed)
        {
            _ = ForgetLaterAsync(key, entry);
        }
        else
        {
            // A failure is not shared with later requests: the next one may find Heroku back.
            _refreshes.TryRemove(KeyValuePair.Create(key, entry));
        }

        return result;
    }

    private async Task ForgetLaterAsync(string key, Lazy<Task<TokenRefreshResult>> entry)
    {
        await Task.Delay(SharedResultLifetime, timeProvider);
        _refreshes.TryRemove(KeyValuePair.Create(key, entry));
    }

    private async Task<TokenRefreshResult> RequestAsync(string refreshToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = settings.ClientId ?? string.Empty,
                ["client_secret"] = settings.ClientSecret ?? string.Empty,
            }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var client = httpClientFactory.CreateClient(HerokuServiceCollectionExtensions.BackchannelClientName);
        using var response = await client.SendAsync(request);

        // Heroku documents 201 Created for a refresh; other OAuth servers answer 200.
        if (response.IsSuccessStatusCode)
        {
            using var payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return Parse(payload.RootElement, refreshToken, (int)response.StatusCode);
        }

        Log.Refused(logger, (int)response.StatusCode);
        return response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? TokenRefreshResult.Rejected
            : TokenRefreshResult.Unavailable;
    }

    private TokenRefreshResult Parse(JsonElement payload, string previousRefreshToken, int status)
    {
        // Any other shape (an array, a string, a missing, empty or mistyped field, a lifetime that is already over)
        // is not an answer to act on: Heroku is treated as unavailable, and the session keeps its current token.
        if (payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.String
            || accessToken.GetString() is not { Length: > 0 } newAccessToken
            || !payload.TryGetProperty("expires_in", out var expiresIn) || expiresIn.ValueKind != JsonValueKind.Number
            || !expiresIn.TryGetInt32(out var seconds) || seconds <= 0)
        {
            Log.Unusable(logger, status);
            return TokenRefreshResult.Unavailable;
        }

        // Heroku's refresh tokens do not expire and usually do not come back: keep the one the session has.
        var refreshToken = payload.TryGetProperty("refresh_token", out var newRefreshToken)
            && newRefreshToken.ValueKind == JsonValueKind.String && newRefreshToken.GetString() is { Length: > 0 } returned
            ? returned
            : previousRefreshToken;

        Log.Refreshed(logger, seconds);
        return TokenRefreshResult.Success(newAccessToken, refreshToken, timeProvider.GetUtcNow().AddSeconds(seconds));
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Information, "Refreshed the Heroku access token; the new one expires in {Seconds} s.")]
        internal static partial void Refreshed(ILogger logger, int seconds);

        [LoggerMessage(21, LogLevel.Debug, "Heroku's token endpoint refused to refresh the access token: {Status}.")]
        internal static partial void Refused(ILogger logger, int status);

        [LoggerMessage(22, LogLevel.Debug, "Could not refresh the Heroku access token: {ExceptionType}.")]
        internal static partial void Failed(ILogger logger, string exceptionType);

        [LoggerMessage(23, LogLevel.Warning, "Heroku's token endpoint answered {Status} without a usable access_token and expires_in; treated as unavailable.")]
        internal static partial void Unusable(ILogger logger, int status);
    }
}

public enum TokenRefreshStatus
{
    Refreshed,

    /// <summary>Heroku refused the refresh token (<c>invalid_grant</c>): the authorization is gone, the session must end.</summary>
    Rejected,

    /// <summary>Heroku could not be reached or failed; the session may carry on with its current token while it lasts.</summary>
    Unavailable,
}

public sealed record TokenRefreshResult(TokenRefreshStatus Status, string? AccessToken = null, string? RefreshToken = null, DateTimeOffset? ExpiresAt = null)
{
    public static readonly TokenRefreshResult Rejected = new(TokenRefreshStatus.Rejected);

    public static readonly TokenRefreshResult Unavailable = new(TokenRefreshStatus.Unavailable);

    public static TokenRefreshResult Success(string accessToken, string refreshToken, DateTimeOffset expiresAt) =>
        new(TokenRefreshStatus.Refreshed, accessToken, refreshToken, expiresAt);
}
