using System.Globalization;
using System.Net;
using System.Security.Claims;
using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HerokuOAuthMvc.Tests.Authentication;

public sealed class CachedTicketDataFormatTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));

    private readonly CountingFormat _inner = new();

    private CachedTicketDataFormat Format => _format ??= new CachedTicketDataFormat(_inner, _time);

    private CachedTicketDataFormat? _format;

    [Fact]
    public void A_cookie_seen_before_is_not_decrypted_again()
    {
        var cookie = _inner.Protect(Ticket("ada@example.com"));

        var first = Format.Unprotect(cookie);
        var second = Format.Unprotect(cookie);

        Assert.Equal(1, _inner.Unprotects);
        Assert.Equal("ada@example.com", first?.Principal.FindFirstValue(ClaimTypes.Email));
        Assert.Equal("ada@example.com", second?.Principal.FindFirstValue(ClaimTypes.Email));
    }

    [Fact]
    public void A_request_that_changes_its_ticket_does_not_change_the_next_requests()
    {
        var cookie = _inner.Protect(Ticket("ada@example.com"));

        var first = Format.Unprotect(cookie)!;
        first.Properties.Items["changed"] = "yes";
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("changed", "yes"));
        var second = Format.Unprotect(cookie)!;

        Assert.NotSame(first, second);
        Assert.False(second.Properties.Items.ContainsKey("changed"));
        Assert.Null(second.Principal.FindFirst("changed"));
    }

    [Fact]
    public void A_kept_ticket_is_decrypted_again_after_five_minutes()
    {
        var cookie = _inner.Protect(Ticket("ada@example.com"));
        Format.Unprotect(cookie);

        _time.Advance(CachedTicketDataFormat.MaxAge - TimeSpan.FromSeconds(1));
        Format.Unprotect(cookie);
        Assert.Equal(1, _inner.Unprotects);

        _time.Advance(TimeSpan.FromSeconds(1));
        Format.Unprotect(cookie);
        Assert.Equal(2, _inner.Unprotects);
    }

    [Fact]
    public void A_ticket_is_never_kept_past_its_own_expiry()
    {
        var cookie = _inner.Protect(Ticket("ada@example.com", expires: _time.GetUtcNow().AddMinutes(1)));
        Format.Unprotect(cookie);

        _time.Advance(TimeSpan.FromMinutes(1));
        Format.Unprotect(cookie);

        Assert.Equal(2, _inner.Unprotects);
    }

    [Fact]
    public void A_cookie_the_key_ring_refuses_is_refused_every_time()
    {
        Assert.Null(Format.Unprotect("forged"));
        Assert.Null(Format.Unprotect("forged"));

        Assert.Equal(2, _inner.Unprotects);
    }

    [Fact]
    public void A_full_cache_starts_over_so_memory_stays_bounded()
    {
        var cookies = Enumerable.Range(0, CachedTicketDataFormat.Capacity + 1).Select(i => _inner.Protect(Ticket($"user{i}@example.com"))).ToList();
        foreach (var cookie in cookies)
        {
            Format.Unprotect(cookie);
        }

        // The last one was kept after the clear; the first was cleared with the rest.
        Format.Unprotect(cookies[^1]);
        Format.Unprotect(cookies[0]);

        Assert.Equal(CachedTicketDataFormat.Capacity + 2, _inner.Unprotects);
    }

    [Fact]
    public void A_cookie_checked_against_a_purpose_is_decrypted_every_time()
    {
        var cookie = _inner.Protect(Ticket("ada@example.com"));

        Format.Unprotect(cookie, "binding");
        Format.Unprotect(cookie, "binding");

        Assert.Equal(2, _inner.Unprotects);
    }

    [Fact]
    public async Task The_apps_session_cookie_goes_through_the_cache_and_still_signs_in()
    {
        await using var factory = new HerokuAppFactory();
        var client = factory.CreateClient();
        await SignInDriver.SignInAsync(client);

        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        using var page = await client.GetAsync("/user");

        Assert.IsType<CachedTicketDataFormat>(options.TicketDataFormat);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private AuthenticationTicket Ticket(string email, DateTimeOffset? expires = null) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Email, email)], "Heroku")),
            new AuthenticationProperties { ExpiresUtc = expires ?? _time.GetUtcNow().AddHours(8) },
            CookieAuthenticationDefaults.AuthenticationScheme);

    /// <summary>A stand-in for Data Protection that counts decryptions; the "cookie" is an index into what it protected.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        private readonly List<AuthenticationTicket> _protected = [];

        public int Unprotects { get; private set; }

        public string Protect(AuthenticationTicket data) => Protect(data, null);

        public string Protect(AuthenticationTicket data, string? purpose)
        {
            _protected.Add(data);
            return $"cookie-{_protected.Count - 1}";
        }

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            return protectedText is not null && protectedText.StartsWith("cookie-", StringComparison.Ordinal)
                ? _protected[int.Parse(protectedText["cookie-".Length..], CultureInfo.InvariantCulture)].Clone()
                : null;
        }
    }
}
