using System.Collections.Concurrent;
using System.Security.Cryptography;
using HerokuOAuthMvc.Heroku;

namespace HerokuOAuthMvc.LocalHeroku;

/// <summary>
/// The memory of the local stand-in for id.heroku.com: one developer account, one-time codes and
/// tokens with Heroku's lifetimes, so the real handler and refresh logic run against it unchanged.
/// </summary>
public sealed class LocalHerokuIssuer(TimeProvider timeProvider)
{
    public const string ClientId = "local-heroku-client";
    public const string ClientSecret = "local-heroku-secret";

    /// <summary>Heroku access tokens live 8 hours; it answers expires_in 28799.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(28799);

    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _refreshTokens = new(StringComparer.Ordinal);

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

    public string IssueCode()
    {
        var code = NewSecret("code");
        _codes[code] = timeProvider.GetUtcNow() + CodeLifetime;
        return code;
    }

    /// <summary>Swaps a code for tokens; a code works once.</summary>
    public LocalHerokuTokens? RedeemCode(string? code) =>
        code is not null && _codes.TryRemove(code, out var expires) && expires > timeProvider.GetUtcNow()
            ? IssueTokens(refreshToken: null)
            : null;

    /// <summary>A refresh token does not expire; Heroku keeps it and issues a new access token.</summary>
    public LocalHerokuTokens? Refresh(string? refreshToken) =>
        refreshToken is not null && _refreshTokens.ContainsKey(refreshToken) ? IssueTokens(refreshToken) : null;

    public bool IsValidAccessToken(string? token) =>
        token is not null && _accessTokens.TryGetValue(token, out var expires) && expires > timeProvider.GetUtcNow();

    public void Revoke(string? token)
    {
        if (token is not null)
        {
            _accessTokens.TryRemove(token, out _);
        }
    }

    private LocalHerokuTokens IssueTokens(string? refreshToken)
    {
        var accessToken = NewSecret("HRKU-local");
        _accessTokens[accessToken] = timeProvider.GetUtcNow() + AccessTokenLifetime;

        refreshToken ??= NewSecret("local-refresh");
        _refreshTokens[refreshToken] = 0;

        return new LocalHerokuTokens(accessToken, refreshToken, (int)AccessTokenLifetime.TotalSeconds, Account.Id);
    }

    private static string NewSecret(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}

public sealed record LocalHerokuTokens(string AccessToken, string RefreshToken, int ExpiresIn, string UserId);
