using System.Net;
using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Hosting.DataProtection;
using HerokuOAuthMvc.Tests.Hosting;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace HerokuOAuthMvc.Tests.Authentication;

/// <summary>
/// With Heroku Key-Value Store attached, two published dynos keep sessions in a real redis-server (rediss://,
/// self-signed) and the cookie carries only the session's key. The tests here share one redis-server and one pair of
/// dynos (<see cref="SharedDynos"/>), each test with its own sign-in and looking only at its own session's key; the
/// outage, which freezes redis-server, has its own (<see cref="ServerSessionOutageTests"/>).
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServerSessionsTests(PublishedApp app, ServerSessionsTests.SharedDynos shared) : IClassFixture<PublishedApp>, IClassFixture<ServerSessionsTests.SharedDynos>
{
    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    // The test's own INFO, and the clients' keep-alives.
    private static readonly string[] CommandsBesidesTheViews = ["getex", "info", "ping", "echo"];

    [RedisFact]
    public async Task A_cookie_copied_before_sign_out_is_refused_by_the_other_dyno_once_the_person_signs_out()
    {
        var (redis, heroku) = await shared.StartAsync(app);
        var cookies = new CookieContainer();
        using var client = await SignedInClientAsync(heroku, cookies);
        var key = SessionKey(redis, heroku, cookies);

        var copied = new CookieContainer();
        copied.Add(cookies.GetCookies(heroku.Router.BaseAddress));
        using var copy = heroku.Router.CreateClient(copied);
        await Greetings.AssertOnEveryDynoAsync(heroku, () => copy.GetStringAsync("/user"));

        try
        {
            heroku.Router.RouteTo([heroku.Dynos[0].Address]);
            using (var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout"))
            {
                Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            }

            heroku.Router.RouteTo([heroku.Dynos[1].Address]);
            using var refused = await copy.GetAsync("/user");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/?", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.False(await redis.Connection.GetDatabase().KeyExistsAsync(key));
        }
        finally
        {
            heroku.Router.RouteTo([.. heroku.Dynos.Select(dyno => dyno.Address)]);
        }
    }

    [RedisFact]
    public async Task The_cookie_carries_only_the_sessions_key_while_the_tokens_stay_in_Redis_for_eight_hours()
    {
        var (redis, heroku) = await shared.StartAsync(app);
        var cookies = new CookieContainer();
        using var client = await SignedInClientAsync(heroku, cookies);

        var cookie = SessionCookie(heroku, cookies);
        Assert.InRange(cookie.Length, 1, 600);
        var ticket = Unprotect(redis, cookie);
        var sessionId = Assert.Single(ticket.Principal.Claims);
        Assert.Equal(SessionIdClaim, sessionId.Type);
        Assert.Empty(ticket.Properties.Items);

        RedisKey key = RedisTicketStore.KeyPrefix + sessionId.Value;
        var stored = TicketSerializer.Default.Deserialize((byte[])(await redis.Connection.GetDatabase().StringGetAsync(key))!)!;
        Assert.Equal(FakeHeroku.AccessToken, stored.Properties.GetTokenValue("access_token"));
        Assert.Equal(FakeHeroku.RefreshToken, stored.Properties.GetTokenValue("refresh_token"));
        Assert.InRange((await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(8));

        // Refresh calls Heroku with the token kept in Redis, and the page shows the session as before.
        var accountCalls = AccountCallsWith(heroku, FakeHeroku.AccessToken);
        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");
        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        Assert.Equal(accountCalls + 1, AccountCallsWith(heroku, FakeHeroku.AccessToken));
        Assert.Contains("Hello, Ada Lovelace", await client.GetStringAsync("/user"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_page_view_costs_one_Redis_round_trip_which_also_slides_the_session()
    {
        const int views = 20;
        var (redis, heroku) = await shared.StartAsync(app);
        var cookies = new CookieContainer();
        using var client = await SignedInClientAsync(heroku, cookies);
        await client.GetStringAsync("/user");
        var key = SessionKey(redis, heroku, cookies);
        await redis.Connection.GetDatabase().KeyExpireAsync(key, TimeSpan.FromHours(1));

        var before = await redis.CommandCallsAsync();
        for (var view = 0; view < views; view++)
        {
            Assert.Contains("Hello, Ada Lovelace", await client.GetStringAsync("/user"), StringComparison.Ordinal);
        }

        var after = await redis.CommandCallsAsync();

        var made = after.Where(c => c.Value != before.GetValueOrDefault(c.Key))
            .ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key), StringComparer.Ordinal);
        Assert.Equal(views, made.GetValueOrDefault("getex"));
        Assert.All(made.Keys, command => Assert.Contains(command, CommandsBesidesTheViews));
        Assert.InRange((await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromHours(7.9), TimeSpan.FromHours(8));
    }

    [RedisFact]
    public async Task Only_a_dyno_with_REDIS_URL_loads_StackExchange_Redis()
    {
        var (_, withRedis) = await shared.StartAsync(app);
        await using var withCookieSecret = await HerokuApp.StartAsync(app, dynos: 1, DynoConfig.WithCookieSecret());

        foreach (var heroku in new[] { withRedis, withCookieSecret })
        {
            using var client = heroku.Router.CreateClient();
            await SignInDriver.SignInAsync(client);
            Assert.Contains("Hello, Ada Lovelace", await client.GetStringAsync("/user"), StringComparison.Ordinal);
        }

        Assert.Contains("StackExchange.Redis", withRedis.Dynos[0].LoadedAssemblies());
        Assert.DoesNotContain("StackExchange.Redis", withCookieSecret.Dynos[0].LoadedAssemblies());
    }

    private static async Task<HttpClient> SignedInClientAsync(HerokuApp heroku, CookieContainer cookies)
    {
        var client = heroku.Router.CreateClient(cookies);
        await SignInDriver.SignInAsync(client);
        return client;
    }

    internal static Task<HerokuApp> StartDynosAsync(PublishedApp app, RedisServer redis) =>
        HerokuApp.StartAsync(app, dynos: 2, new Dictionary<string, string> { ["REDIS_URL"] = redis.Url });

    private static int AccountCallsWith(HerokuApp heroku, string token) =>
        heroku.Heroku.Heroku.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("/account", StringComparison.Ordinal) && r.Authorization == $"Bearer {token}");

    private static string SessionCookie(HerokuApp heroku, CookieContainer cookies) =>
        cookies.GetCookies(heroku.Router.BaseAddress)[HttpsExtensions.HostCookiePrefix + HerokuSignInExtensions.CookieName]!.Value;

    /// <summary>Where this session lives in Redis, read from the session's own cookie: other tests' sessions share the server.</summary>
    private static RedisKey SessionKey(RedisServer redis, HerokuApp heroku, CookieContainer cookies)
    {
        var key = (RedisKey)(RedisTicketStore.KeyPrefix + Unprotect(redis, SessionCookie(heroku, cookies)).Principal.FindFirst(SessionIdClaim)!.Value);
        Assert.True(redis.Connection.GetDatabase().KeyExists(key));
        return key;
    }

    /// <summary>Reads the session cookie with the key ring the dynos keep in Redis, as the cookie handler does.</summary>
    private static AuthenticationTicket Unprotect(RedisServer redis, string cookie)
    {
        var services = new ServiceCollection();
        services.AddDataProtection()
            .SetApplicationName(KeyRingExtensions.ApplicationName)
            .PersistKeysToStackExchangeRedis(redis.Connection, KeyManagementSetup.RedisKey);
        using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector(
            "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", CookieAuthenticationDefaults.AuthenticationScheme, "v2");
        return new TicketDataFormat(protector).Unprotect(cookie) ?? throw new InvalidOperationException("The session cookie could not be read.");
    }

    /// <summary>
    /// One redis-server and two dynos on it for the whole class, started by the first test that asks (so a machine
    /// without redis-server skips the tests instead of failing the fixture). Each boot is seconds of CPU; the tests
    /// here neither pause Redis nor restart a dyno, so sharing them changes nothing they check.
    /// </summary>
    public sealed class SharedDynos : IAsyncLifetime
    {
        private readonly Lock _gate = new();
        private Task<(RedisServer Redis, HerokuApp Heroku)>? _started;

        public Task<(RedisServer Redis, HerokuApp Heroku)> StartAsync(PublishedApp app)
        {
            lock (_gate)
            {
                return _started ??= StartCoreAsync(app);
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (_started is { IsCompletedSuccessfully: true } started)
            {
                var (redis, heroku) = await started;
                await heroku.DisposeAsync();
                await redis.DisposeAsync();
            }
        }

        private static async Task<(RedisServer Redis, HerokuApp Heroku)> StartCoreAsync(PublishedApp app)
        {
            var redis = await RedisServer.StartAsync();
            try
            {
                return (redis, await StartDynosAsync(app, redis));
            }
            catch
            {
                await redis.DisposeAsync();
                throw;
            }
        }
    }
}
