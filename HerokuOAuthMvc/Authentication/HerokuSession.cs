using AspNet.Security.OAuth.Heroku;
using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// What is left of the session once the token travels with the client: the account kept with it, Refresh, and
/// sign-out. Heroku's failures are not handled here: they propagate to the one filter that shows the friendly pages.
/// </summary>
public sealed partial class HerokuSession(
    IHttpContextAccessor httpContextAccessor,
    IServiceProvider services,
    HerokuTokenRefresher refresher,
    IOptions<HerokuOptions> herokuOptions,
    IOptionsMonitor<HerokuAuthenticationOptions> authenticationOptions,
    RevocationNotice revocationNotice,
    TimeProvider timeProvider,
    ILogger<HerokuSession> logger)
{
    /// <summary>Sign-out waits this long at most for Heroku to revoke the authorization.</summary>
    public static readonly TimeSpan RevocationTimeout = TimeSpan.FromSeconds(5);

    private HttpContext HttpContext =>
        httpContextAccessor.HttpContext ?? throw new InvalidOperationException("The Heroku session is only available during a request.");

    private HerokuSessionTokens Tokens => HerokuSessionTokens.For(HttpContext);

    // Resolved only when a page calls Heroku: a typed client costs a client from the factory, and most views call nothing.
    private HerokuApiClient Heroku => field ??= services.GetRequiredService<HerokuApiClient>();

    /// <summary>The account as it was fetched at sign-in or on the last Refresh.</summary>
    public HerokuAccount? Account => HerokuAccountClaims.Account(HttpContext);

    /// <summary>Fetches the account from Heroku again and keeps it with the session.</summary>
    public async Task<HerokuAccount> RefreshAccountAsync(CancellationToken cancellationToken)
    {
        var account = await Heroku.GetAccountAsync(cancellationToken);
        var session = await Tokens.GetSessionAsync();
        if (session.Succeeded)
        {
            var claimActions = authenticationOptions.Get(HerokuAuthenticationDefaults.AuthenticationScheme).ClaimActions;
            await Tokens.KeepAsync(HerokuAccountClaims.ToPrincipal(account, session.Principal, claimActions));
        }

        return account;
    }

    /// <summary>Ends the session here, without calling Heroku: Heroku no longer accepts it.</summary>
    public Task EndAsync() => Tokens.EndAsync();

    /// <summary>
    /// Ends the local session (the cookie, and any refresh still shared for it), then, where the scope allows it, asks
    /// Heroku to revoke the session's own authorization. Revocation is best effort: its outcome is logged, without the
    /// token, and never fails the sign-out.
    /// </summary>
    public async Task SignOutAsync()
    {
        var session = await Tokens.GetSessionAsync();
        await Tokens.EndAsync();
        if (!session.Succeeded)
        {
            return;
        }

        if (await Tokens.GetRefreshTokenAsync() is { } refreshToken)
        {
            refresher.Forget(refreshToken);
        }

        // Only a global token may list the account's authorizations, and Heroku's token answer names none, so with
        // narrower scopes the authorization cannot be found: it lasts until the person revokes it in their account.
        if (!herokuOptions.Value.Allows(HerokuScopes.Global))
        {
            if (revocationNotice.IsFirst())
            {
                Log.RevocationNotAllowed(logger, herokuOptions.Value.Scope);
            }

            return;
        }

        // An expired token cannot revoke anything, and refreshing one first would make sign-out wait on Heroku twice.
        if (!await Tokens.HasExpiredAsync(timeProvider))
        {
            await RevokeAsync(session.Properties.GetTokenValue("access_token"));
        }
    }

    /// <summary>
    /// Revokes the session's own authorization as the Heroku CLI's logout does (heroku/heroku-cli-command,
    /// src/login.ts): list the authorizations, match the access token, delete by id. Never <c>~</c>: that is the
    /// account's default API key, which the person's CLI and integrations use. The session's authorization was made
    /// through this app's OAuth client; the default key has no client, so it can never match.
    /// </summary>
    private async Task RevokeAsync(string? accessToken)
    {
        using var timeout = new CancellationTokenSource(RevocationTimeout, timeProvider);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, HttpContext.RequestAborted);
        var clientId = herokuOptions.Value.ClientId;
        try
        {
            var authorizations = await Heroku.ListAuthorizationsAsync(cancellation.Token);
            var own = authorizations.FirstOrDefault(authorization =>
                authorization.Client?.Id is { Length: > 0 } id && string.Equals(id, clientId, StringComparison.Ordinal)
                && accessToken is not null && string.Equals(authorization.AccessToken?.Token, accessToken, StringComparison.Ordinal));
            if (own is null)
            {
                Log.AuthorizationNotFound(logger);
                return;
            }

            await Heroku.DeleteAuthorizationAsync(own.Id, cancellation.Token);
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

    private static partial class Log
    {
        [LoggerMessage(32, LogLevel.Information, "Signed out; Heroku revoked the authorization.")]
        internal static partial void Revoked(ILogger logger);

        [LoggerMessage(33, LogLevel.Information, "Signed out; Heroku did not revoke the authorization: {Status} ({ErrorId}).")]
        internal static partial void RevocationRefused(ILogger logger, int status, string? errorId);

        [LoggerMessage(34, LogLevel.Information, "Signed out; revoking the authorization at Heroku failed: {ExceptionType}.")]
        internal static partial void RevocationFailed(ILogger logger, string exceptionType);

        [LoggerMessage(35, LogLevel.Information, "Signed out; Heroku listed no authorization of this app with the session's token, so nothing was revoked.")]
        internal static partial void AuthorizationNotFound(ILogger logger);

        [LoggerMessage(36, LogLevel.Information, "Sign-out ends the session here only: with Heroku:Scope '{Scope}' the app may not list the account's authorizations (that needs 'global'), so each stays until its owner revokes it in their Heroku account settings (Applications). Said once.")]
        internal static partial void RevocationNotAllowed(ILogger logger, string scope);
    }
}

/// <summary>Remembers that sign-out has said, once per process, that the scope does not let it revoke at Heroku.</summary>
public sealed class RevocationNotice
{
    private int _said;

    public bool IsFirst() => Interlocked.Exchange(ref _said, 1) == 0;
}
