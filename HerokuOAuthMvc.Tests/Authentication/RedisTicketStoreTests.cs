using System.Security.Claims;
using HerokuOAuthMvc.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using StackExchange.Redis;

namespace HerokuOAuthMvc.Tests.Authentication;

/// <summary>Reading sessions from Redis, against a stand-in for the connection: what each <c>GETEX</c> answers is what the request sees.</summary>
public sealed class RedisTicketStoreTests
{
    private const string Key = "session-key";

    private readonly Mock<IDatabase> _database = new();

    private readonly RedisTicketStore _store;

    private byte[]? _entry;

    public RedisTicketStoreTests()
    {
        _database.Setup(d => d.StringGetSetExpiryAsync(It.IsAny<RedisKey>(), It.IsAny<TimeSpan?>(), It.IsAny<CommandFlags>()))
            .ReturnsAsync(() => (RedisValue)_entry);
        var redis = new Mock<IConnectionMultiplexer>();
        redis.Setup(r => r.GetDatabase(It.IsAny<int>(), It.IsAny<object>())).Returns(_database.Object);
        _store = new RedisTicketStore(redis.Object, NullLogger<RedisTicketStore>.Instance);
    }

    [Fact]
    public async Task Every_view_asks_Redis_even_when_the_entry_has_not_changed()
    {
        _entry = Serialized("ada@example.com");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ada@example.com", Email(await _store.RetrieveAsync(Key)));
        }

        _database.Verify(d => d.StringGetSetExpiryAsync((RedisKey)(RedisTicketStore.KeyPrefix + Key), HerokuSignInExtensions.SessionLifetime, It.IsAny<CommandFlags>()), Times.Exactly(3));
    }

    [Fact]
    public async Task A_request_that_changes_its_ticket_does_not_change_what_the_next_view_reads()
    {
        _entry = Serialized("ada@example.com");

        var first = (await _store.RetrieveAsync(Key))!;
        first.Properties.Items["changed"] = "yes";
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("changed", "yes"));
        var second = (await _store.RetrieveAsync(Key))!;

        Assert.NotSame(first, second);
        Assert.False(second.Properties.Items.ContainsKey("changed"));
        Assert.Null(second.Principal.FindFirst("changed"));
        Assert.Null(second.Properties.ExpiresUtc);
    }

    [Fact]
    public async Task An_entry_another_dyno_rewrote_is_read_anew()
    {
        _entry = Serialized("ada@example.com");
        await _store.RetrieveAsync(Key);

        _entry = Serialized("ada.king@example.com");

        Assert.Equal("ada.king@example.com", Email(await _store.RetrieveAsync(Key)));
    }

    [Fact]
    public async Task A_session_another_dyno_deleted_is_gone_at_the_next_view()
    {
        _entry = Serialized("ada@example.com");
        await _store.RetrieveAsync(Key);

        _entry = null;

        Assert.Null(await _store.RetrieveAsync(Key));
    }

    private static string? Email(AuthenticationTicket? ticket) => ticket?.Principal.FindFirstValue(ClaimTypes.Email);

    private static byte[] Serialized(string email) =>
        TicketSerializer.Default.Serialize(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Email, email)], "Heroku")),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(8) },
            CookieAuthenticationDefaults.AuthenticationScheme));
}
