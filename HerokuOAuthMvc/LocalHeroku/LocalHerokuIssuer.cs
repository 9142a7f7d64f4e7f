using System.Collections.Concurrent;
using System.Security.Cryptography;
using HerokuOAuthMvc.Heroku;

namespace HerokuOAuthMvc.LocalHeroku;

/// <summary>
/// The memory of the local stand-in for Heroku: one developer account with a few apps, one-time codes, and
/// authorizations whose tokens have Heroku's lifetimes and the scope the person allowed, so the real handler, refresh
/// and sign-out logic run against it unchanged.
/// </summary>
public sealed class LocalHerokuIssuer(TimeProvider timeProvider)
{
    public const string ClientId = "local-heroku-client";
    public const string ClientSecret = "local-heroku-secret";

    /// <summary>Heroku access tokens live 8 hours; it answers expires_in 28799.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(28799);

    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string Scope, DateTimeOffset Expires)> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalHerokuGrant> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalHerokuGrant> _refreshTokens = new(StringComparer.Ordinal);

    // No name, like many Heroku accounts: the greeting falls back to the email, as the Go tutorial greets.
    public HerokuAccount Account { get; } = new()
    {
        Id = "01234567-89ab-cdef-0123-456789abcdef",
        Email = "developer@example.com",
        Verified = true,
        TwoFactorAuthentication = true,
        CreatedAt = new DateTimeOffset(2020, 1, 15, 9, 30, 0, TimeSpan.Zero),
        LastLogin = new DateTimeOffset(2026, 11, 28, 8, 15, 0, TimeSpan.Zero),
    };

    /// <summary>What <c>GET /apps</c> lists for the developer account.</summary>
    public IReadOnlyList<HerokuAppSummary> Apps { get; } =
    [
        new("sample-api", new Uri("https://sample-api-0123456789ab.herokuapp.com/"), new DateTimeOffset(2026, 11, 27, 16, 42, 0, TimeSpan.Zero)),
        new("sample-worker", null, new DateTimeOffset(2026, 10, 3, 11, 5, 0, TimeSpan.Zero)),
        new("sample-web", new Uri("https://sample-web-0123456789ab.herokuapp.com/"), new DateTimeOffset(2026, 11, 29, 9, 12, 0, TimeSpan.Zero)),
    ];

    /// <summary>The account's default API key (what <c>heroku login</c> makes): an authorization of no OAuth client.</summary>
    public HerokuAuthorization DefaultApiKey { get; } = new("local-default-api-key", new HerokuAuthorizationToken("HRKU-local-default-api-key"), null);

    public string IssueCode(string scope)
    {
        var code = NewSecret("code");
        _codes[code] = (scope, timeProvider.GetUtcNow() + CodeLifetime);
        return code;
    }

    /// <summary>Swaps a code for tokens of a new authorization; a code works once.</summary>
    public LocalHerokuTokens? RedeemCode(string? code) =>
        code is not null && _codes.TryRemove(code, out var issued) && issued.Expires > timeProvider.GetUtcNow()
            ? IssueTokens(new LocalHerokuGrant(NewSecret("authorization"), issued.Scope), refreshToken: null)
            : null;

    /// <summary>A refresh token does not expire; Heroku keeps it and issues a new access token of the same authorization.</summary>
    public LocalHerokuTokens? Refresh(string? refreshToken) =>
        refreshToken is not null && _refreshTokens.TryGetValue(refreshToken, out var grant) ? IssueTokens(grant, refreshToken) : null;

    /// <summary>The live authorization behind <paramref name="accessToken"/>, or null when it expired or was revoked.</summary>
    public LocalHerokuGrant? Grant(string? accessToken) =>
        accessToken is not null && _accessTokens.TryGetValue(accessToken, out var grant) && grant.ExpiresAt > timeProvider.GetUtcNow() ? grant : null;

    /// <summary>Every authorization of the account, as <c>GET /oauth/authorizations</c> lists them.</summary>
    public IReadOnlyList<HerokuAuthorization> Authorizations() =>
    [
        DefaultApiKey,
        .. _accessTokens
            .Where(token => token.Value.ExpiresAt > timeProvider.GetUtcNow())
            .Select(token => new HerokuAuthorization(token.Value.AuthorizationId, new HerokuAuthorizationToken(token.Key), new HerokuAuthorizationClient(ClientId))),
    ];

    /// <summary>Revokes an authorization: its access and refresh tokens stop working.</summary>
    public bool Revoke(string authorizationId)
    {
        var revoked = false;
        foreach (var tokens in new[] { _accessTokens, _refreshTokens })
        {
            foreach (var (token, grant) in tokens)
            {
                revoked |= grant.AuthorizationId == authorizationId && tokens.TryRemove(token, out _);
            }
        }

        return revoked;
    }

    private LocalHerokuTokens IssueTokens(LocalHerokuGrant grant, string? refreshToken)
    {
        var accessToken = NewSecret("HRKU-local");
        _accessTokens[accessToken] = grant with { ExpiresAt = timeProvider.GetUtcNow() + AccessTokenLifetime };

        refreshToken ??= NewSecret("local-refresh");
        _refreshTokens[refreshToken] = grant;

        return new LocalHerokuTokens(accessToken, refreshToken, (int)AccessTokenLifetime.TotalSeconds, Account.Id);
    }

    private static string NewSecret(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}

/// <summary>One authorization: its id and the scope the person allowed.</summary>
public sealed record LocalHerokuGrant(string AuthorizationId, string Scope)
{
    public DateTimeOffset ExpiresAt { get; init; }
}

public sealed record LocalHerokuTokens(string AccessToken, string RefreshToken, int ExpiresIn, string UserId);
