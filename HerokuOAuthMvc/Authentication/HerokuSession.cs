using System.Globalization;
using HerokuOAuthMvc.Authentication.Heroku;
using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// The signed-in person's session: the Heroku account kept with it and the tokens saved at sign-in. Pages read the
/// account from here; only <see cref="FetchAccountAsync"/> and <see cref="SignOutAsync"/> call Heroku.
/// </summary>
public sealed partial class HerokuSession(
    IHttpContextAccessor httpContextAccessor,
    HerokuTokenRefresher refresher,
    HerokuApiClient heroku,
    IOptionsMonitor<HerokuAuthenticationOptions> authenticationOptions,
    TimeProvider timeProvider,
    ILogger<HerokuSession> logger)
{
    /// <summary>Sign-out waits this long at most for Heroku to revoke the authorization.</summary>
    public static readonly TimeSpan RevocationTimeout = TimeSpan.FromSeconds(5);

    private const string AccessTokenName = "access_token";
    private const string RefreshTokenName = "refresh_token";
    private const string ExpiresAtName = "expires_at";

    private HttpContext HttpContext =>
        httpContextAccessor.HttpContext ?? throw new InvalidOperationException("The Heroku session is only available during a request.");

    /// <summary>The account as it was fetched at sign-in or on the last Refresh.</summary>
    public HerokuAccount? Account => HerokuAccountClaims.ToAccount(HttpContext.User);

    /// <summary>
    /// Fetches the account from Heroku again and keeps it with the session, refreshing the access token first when it
    /// is about to expire. Heroku's failures come back as an outcome, never as an exception.
    /// </summary>
    public async Task<AccountFetch> FetchAccountAsync(CancellationToken cancellationToken)
    {
        var session = await HttpContext.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!session.Succeeded)
        {
            return new AccountFetch(AccountFetchOutcome.SessionEnded, null);
        }

        var cached = HerokuAccountClaims.ToAccount(session.Principal);
        var token = await GetAccessTokenAsync(session.Properties);
        if (token.AccessToken is not { } accessToken)
        {
            return await FailAsync(token.Outcome);
        }

        try
        {
            var account = await heroku.GetAccountAsync(accessToken, cancellationToken);
            var claimActions = authenticationOptions.Get(HerokuAuthenticationDefaults.AuthenticationScheme).ClaimActions;
            await SaveAsync(HerokuAccountClaims.ToPrincipal(account, session.Principal, claimActions), session.Properties);
            return new AccountFetch(AccountFetchOutcome.Fetched, account);
        }
        catch (HerokuApiException exception) when (exception.IsUnauthorized)
        {
            Log.ApiRefused(logger, (int)exception.StatusCode, exception.ErrorId);
            return await FailAsync(AccountFetchOutcome.SessionEnded);
        }
        catch (HerokuApiException exception) when (exception.IsRateLimited)
        {
            Log.ApiRefused(logger, (int)exception.StatusCode, exception.ErrorId);
            return await FailAsync(AccountFetchOutcome.RateLimited);
        }
        catch (Exception exception) when (IsUnavailable(exception, cancellationToken))
        {
            Log.ApiUnavailable(logger, exception.GetType().Name);
            return await FailAsync(AccountFetchOutcome.Unavailable);
        }

        // A failed call still keeps a refreshed token, so the next try does not refresh again; a dead session ends here.
        async Task<AccountFetch> FailAsync(AccountFetchOutcome outcome)
        {
            if (outcome == AccountFetchOutcome.SessionEnded)
            {
                await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return new AccountFetch(outcome, null);
            }

            if (token.Refreshed)
            {
                await SaveAsync(session.Principal, session.Properties);
            }

            return new AccountFetch(outcome, cached);
        }
    }

    /// <summary>
    /// Ends the local session (the cookie, and any refresh still shared for it), then asks Heroku to revoke the
    /// authorization. Revocation is best effort (it may not be allowed with the <c>identity</c> scope): its outcome is
    /// logged, without the token, and never fails the sign-out.
    /// </summary>
    public async Task SignOutAsync()
    {
        var session = await HttpContext.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!session.Succeeded)
        {
            return;
        }

        // An expired token cannot revoke anything, and refreshing one first would make sign-out wait on Heroku twice.
        var refreshToken = session.Properties.GetTokenValue(RefreshTokenName);
        if (session.Properties.GetTokenValue(AccessTokenName) is { } accessToken
            && (ExpiresAt(session.Properties) is not { } expiresAt || expiresAt > timeProvider.GetUtcNow()))
        {
            await RevokeAsync(accessToken);
        }

        if (refreshToken is not null)
        {
            refresher.Forget(refreshToken);
        }
    }

    private async Task RevokeAsync(string accessToken)
    {
        using var timeout = new CancellationTokenSource(RevocationTimeout, timeProvider);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, HttpContext.RequestAborted);
        try
        {
            await heroku.RevokeAuthorizationAsync(accessToken, cancellation.Token);
            Log.Revoked(logger);
        }
        catch (HerokuApiException exception)
        {
            Log.RevocationRefused(logger, (int)exception.StatusCode, exception.ErrorId);
        }
        catch (Exception exception)
        {
            // Best effort by design: whatever goes wrong here, the person is already signed out.
            Log.RevocationFailed(logger, exception.GetType().Name);
        }
    }

    /// <summary>The access token to call Heroku with, refreshed (in <paramref name="properties"/>) when it is about to expire.</summary>
    private async Task<AccessTokenLookup> GetAccessTokenAsync(AuthenticationProperties properties)
    {
        var accessToken = properties.GetTokenValue(AccessTokenName);
        if (accessToken is null)
        {
            return new AccessTokenLookup(null, AccountFetchOutcome.SessionEnded);
        }

        var now = timeProvider.GetUtcNow();
        var expiresAt = ExpiresAt(properties);
        if (expiresAt is null || expiresAt.Value - now > HerokuTokenRefresher.RefreshWindow)
        {
            return new AccessTokenLookup(accessToken, AccountFetchOutcome.Fetched);
        }

        var stillValid = expiresAt.Value > now;
        if (properties.GetTokenValue(RefreshTokenName) is not { } refreshToken)
        {
            return stillValid ? new AccessTokenLookup(accessToken, AccountFetchOutcome.Fetched) : new AccessTokenLookup(null, AccountFetchOutcome.SessionEnded);
        }

        var refresh = await refresher.RefreshAsync(refreshToken);
        switch (refresh.Status)
        {
            case TokenRefreshStatus.Refreshed:
                properties.UpdateTokenValue(AccessTokenName, refresh.AccessToken!);
                properties.UpdateTokenValue(RefreshTokenName, refresh.RefreshToken!);
                properties.UpdateTokenValue(ExpiresAtName, refresh.ExpiresAt!.Value.ToString("o", CultureInfo.InvariantCulture));
                return new AccessTokenLookup(refresh.AccessToken, AccountFetchOutcome.Fetched, Refreshed: true);
            case TokenRefreshStatus.Rejected:
                return new AccessTokenLookup(null, AccountFetchOutcome.SessionEnded);
            default:
                // Heroku's token endpoint is down: carry on with the current token while it lasts.
                return stillValid ? new AccessTokenLookup(accessToken, AccountFetchOutcome.Fetched) : new AccessTokenLookup(null, AccountFetchOutcome.Unavailable);
        }
    }

    private static DateTimeOffset? ExpiresAt(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue(ExpiresAtName), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;

    /// <summary>Re-issues the cookie with a fresh lifetime, so a session that is in use keeps going.</summary>
    private async Task SaveAsync(System.Security.Claims.ClaimsPrincipal principal, AuthenticationProperties properties)
    {
        properties.IssuedUtc = null;
        properties.ExpiresUtc = null;
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
        HttpContext.User = principal;
    }

    private static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) =>
        exception is HerokuApiException
        || HerokuFailures.IsUnreachable(exception)
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private sealed record AccessTokenLookup(string? AccessToken, AccountFetchOutcome Outcome, bool Refreshed = false);

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Debug, "Heroku's Platform API refused the account request: {Status} ({ErrorId}).")]
        internal static partial void ApiRefused(ILogger logger, int status, string? errorId);

        [LoggerMessage(31, LogLevel.Debug, "Heroku's Platform API could not be reached: {ExceptionType}.")]
        internal static partial void ApiUnavailable(ILogger logger, string exceptionType);

        [LoggerMessage(32, LogLevel.Information, "Signed out; Heroku revoked the authorization.")]
        internal static partial void Revoked(ILogger logger);

        [LoggerMessage(33, LogLevel.Information, "Signed out; Heroku did not revoke the authorization: {Status} ({ErrorId}).")]
        internal static partial void RevocationRefused(ILogger logger, int status, string? errorId);

        [LoggerMessage(34, LogLevel.Information, "Signed out; revoking the authorization at Heroku failed: {ExceptionType}.")]
        internal static partial void RevocationFailed(ILogger logger, string exceptionType);
    }
}

/// <summary>How fetching the account went, as the person will see it.</summary>
public enum AccountFetchOutcome
{
    Fetched,

    /// <summary>Heroku no longer accepts the session's tokens: it has been signed out.</summary>
    SessionEnded,

    /// <summary>The account's API rate limit is spent.</summary>
    RateLimited,

    /// <summary>Heroku failed or could not be reached, after the retries.</summary>
    Unavailable,
}

/// <summary>The outcome, and the account to show: the fetched one, or the one kept with the session when the fetch failed.</summary>
public sealed record AccountFetch(AccountFetchOutcome Outcome, HerokuAccount? Account);
