using System.Globalization;
using System.Net;
using System.Security.Claims;
using HerokuOAuthMvc.Heroku;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// The signed-in person's session as one request holds it: read from the cookie once, its access token refreshed at
/// most once (through the shared <see cref="HerokuTokenRefresher"/>), and written back to the cookie once, just before
/// the response starts, whatever the request changed (a refreshed token, a refetched account).
/// </summary>
internal sealed class HerokuSessionTokens : IDisposable
{
    private const string AccessTokenName = "access_token";
    private const string RefreshTokenName = "refresh_token";
    private const string ExpiresAtName = "expires_at";

    private readonly HttpContext _context;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private AuthenticateResult? _session;
    private bool _saveRegistered;
    private bool _ended;

    private HerokuSessionTokens(HttpContext context) => _context = context;

    /// <summary>The request's session, created on first use.</summary>
    public static HerokuSessionTokens For(HttpContext context)
    {
        if (context.Features.Get<HerokuSessionTokens>() is { } tokens)
        {
            return tokens;
        }

        tokens = new HerokuSessionTokens(context);
        context.Features.Set(tokens);
        context.Response.RegisterForDispose(tokens);
        return tokens;
    }

    /// <summary>The session cookie as the request brought it (and as this request has changed it since).</summary>
    public async Task<AuthenticateResult> GetSessionAsync() =>
        _session ??= await _context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);

    /// <summary>The session's refresh token, if it has one.</summary>
    public async Task<string?> GetRefreshTokenAsync() => (await GetSessionAsync()).Properties?.GetTokenValue(RefreshTokenName);

    /// <summary>
    /// The access token to call the Platform API with, refreshed first when it is about to expire. Heroku refusing the
    /// session comes out as a 401 <see cref="HerokuApiException"/>, its token endpoint failing (with nothing left to
    /// call with) as a 503 one, so that one filter shows both. After sign-out the last token is used as it is.
    /// </summary>
    public async Task<string> GetAccessTokenAsync(HerokuTokenRefresher refresher, TimeProvider timeProvider)
    {
        await _lock.WaitAsync();
        try
        {
            var session = await GetSessionAsync();
            if (!session.Succeeded || session.Properties.GetTokenValue(AccessTokenName) is not { } accessToken)
            {
                throw SessionEnded("The request has no Heroku session.");
            }

            var properties = session.Properties;

            var now = timeProvider.GetUtcNow();
            var expiresAt = ExpiresAt(properties);
            if (_ended || expiresAt is null || expiresAt.Value - now > HerokuTokenRefresher.RefreshWindow)
            {
                return accessToken;
            }

            var stillValid = expiresAt.Value > now;
            if (properties.GetTokenValue(RefreshTokenName) is not { } refreshToken)
            {
                return stillValid ? accessToken : throw SessionEnded("The access token expired and the session has no refresh token.");
            }

            var refresh = await refresher.RefreshAsync(refreshToken);
            switch (refresh.Status)
            {
                case TokenRefreshStatus.Refreshed:
                    properties.UpdateTokenValue(AccessTokenName, refresh.AccessToken!);
                    properties.UpdateTokenValue(RefreshTokenName, refresh.RefreshToken!);
                    properties.UpdateTokenValue(ExpiresAtName, refresh.ExpiresAt!.Value.ToString("o", CultureInfo.InvariantCulture));
                    SaveBeforeResponse();
                    return refresh.AccessToken!;
                case TokenRefreshStatus.Rejected:
                    throw SessionEnded("Heroku refused the session's refresh token.");
                default:
                    // Heroku's token endpoint is down: carry on with the current token while it lasts.
                    return stillValid
                        ? accessToken
                        : throw new HerokuApiException(HttpStatusCode.ServiceUnavailable, null, "Heroku's token endpoint could not refresh an expired access token.");
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Whether the session's access token has expired (an expired token cannot revoke anything).</summary>
    public async Task<bool> HasExpiredAsync(TimeProvider timeProvider) =>
        ExpiresAt((await GetSessionAsync()).Properties) is { } expiresAt && expiresAt <= timeProvider.GetUtcNow();

    /// <summary>Keeps <paramref name="principal"/> (a refetched account) with the session from this response on.</summary>
    public async Task KeepAsync(ClaimsPrincipal principal)
    {
        var session = await GetSessionAsync();
        if (!session.Succeeded || _ended)
        {
            return;
        }

        _session = AuthenticateResult.Success(new AuthenticationTicket(principal, session.Properties, session.Ticket.AuthenticationScheme));
        _context.User = principal;
        SaveBeforeResponse();
    }

    /// <summary>Ends the session: the cookie is deleted and nothing this request changed is written back.</summary>
    public async Task EndAsync()
    {
        await GetSessionAsync();
        _ended = true;
        await _context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    public void Dispose() => _lock.Dispose();

    private static HerokuApiException SessionEnded(string message) => new(HttpStatusCode.Unauthorized, "unauthorized", message);

    private static DateTimeOffset? ExpiresAt(AuthenticationProperties? properties) =>
        DateTimeOffset.TryParse(properties?.GetTokenValue(ExpiresAtName), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;

    // One write however many changes: the cookie handler itself re-issues sliding sessions the same way, on starting.
    private void SaveBeforeResponse()
    {
        if (_saveRegistered)
        {
            return;
        }

        _saveRegistered = true;
        _context.Response.OnStarting(async () =>
        {
            if (_ended || _session is not { Succeeded: true } session)
            {
                return;
            }

            // A fresh lifetime, so a session that is in use keeps going.
            session.Properties.IssuedUtc = null;
            session.Properties.ExpiresUtc = null;
            await _context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, session.Principal, session.Properties);
        });
    }
}
