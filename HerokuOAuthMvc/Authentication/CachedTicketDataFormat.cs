using Microsoft.AspNetCore.Authentication;

namespace HerokuOAuthMvc.Authentication;

/// <summary>
/// The session cookie's format with the tickets it decrypted kept for a few minutes, keyed by the exact cookie value:
/// a page view then costs no Data Protection decryption and no ticket deserialization. Each request gets its own clone,
/// so a request that changes its ticket changes nothing kept here. The trade-off: a Data Protection key revoked in the
/// key ring is still honoured for at most <see cref="MaxAge"/> for cookies already seen by this dyno.
/// </summary>
internal sealed class CachedTicketDataFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider timeProvider)
    : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>Bounds the memory: a few MB at most, however many cookies arrive.</summary>
    public const int Capacity = 1024;

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly BoundedCache<Entry> _entries = new(Capacity);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        // A purpose (TLS token binding) is part of what the cookie is checked against: not cached.
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = timeProvider.GetUtcNow();
        if (_entries.TryGetValue(protectedText, out var cached) && now < cached.Until)
        {
            return cached.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            Keep(protectedText, ticket, now);
        }

        return ticket;
    }

    private void Keep(string protectedText, AuthenticationTicket ticket, DateTimeOffset now)
    {
        var until = now + MaxAge;
        if (ticket.Properties.ExpiresUtc is { } expires && expires < until)
        {
            until = expires;
        }

        if (until <= now)
        {
            return;
        }

        _entries.Set(protectedText, new Entry(ticket.Clone(), until));
    }

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset Until);
}
