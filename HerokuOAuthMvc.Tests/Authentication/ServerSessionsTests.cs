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
/// self-signed) and the cookie carries only the session's key.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServerSessionsTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    private const string SessionIdClaim = "Microsoft.AspNetCore.Authentication.Cookies-SessionId";

    // The test's own INFO, and the clients' keep-alives.
    private static readonly string[] CommandsBesidesTheViews = ["getex", "info", "ping", "echo"];

    [RedisFact]
    public async Task A_cookie_copied_before_sign_out_is_refused_by_the_other_dyno_once_the_person_signs_out()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var heroku = await StartDynosAsync(redis);
        var cookies = new CookieContainer();
        using var client = await SignedInClientAsync(heroku, cookies);

        var copied = new CookieContainer();
        copied.Add(cookies.GetCookies(heroku.Router.BaseAddress));
        using var copy = heroku.Router.CreateClient(copied);
        await Greetings.AssertOnEveryDynoAsync(heroku, () => copy.GetStringAsync("/user"));

        heroku.Router.RouteTo([heroku.Dynos[0].Address]);
        using (var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        heroku.Router.RouteTo([heroku.Dynos[1].Address]);
        using var refused = await copy.GetAsync("/user");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/?", refused.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Empty(await SessionKeysAsync(redis));
    }

    [RedisFact]
    public async Task The_cookie_carries_only_the_sessions_key_while_the_tokens_stay_in_Redis_for_eight_hours()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var heroku = await StartDynosAsync(redis);
        var cookies = new CookieContainer();
        using var client = await SignedInClientAsync(heroku, cookies);

        var cookie = cookies.GetCookies(heroku.Router.BaseAddress)[HttpsExtensions.HostCookiePrefix + HerokuSignInExtensions.CookieName]!.Value;
        Assert.InRange(cookie.Length, 1, 600);
        var ticket = Unprotect(redis, cookie);
        var sessionId = Assert.Single(ticket.Principal.Claims);
        Assert.Equal(SessionIdClaim, sessionId.Type);
        Assert.Empty(ticket.Properties.Items);

        var key = Assert.Single(await SessionKeysAsync(redis));
        Assert.Equal(RedisTicketStore.KeyPrefix + sessionId.Value, key.ToString());
        var stored = TicketSerializer.Default.Deserialize((byte[])(await redis.Connection.GetDatabase().StringGetAsync(key))!)!;
        Assert.Equal(FakeHeroku.AccessToken, stored.Properties.GetTokenValue("access_token"));
        Assert.Equal(FakeHeroku.RefreshToken, stored.Properties.GetTokenValue("refresh_token"));
        Assert.InRange((await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(8));

        // Refresh calls Heroku with the token kept in Redis, and the page shows the session as before.
        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");
        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        Assert.Contains(heroku.Heroku.Heroku.Requests, r => r.Uri.AbsolutePath.EndsWith("/account", StringComparison.Ordinal) && r.Authorization == $"Bearer {FakeHeroku.AccessToken}");
        Assert.Contains("Hello, Ada Lovelace", await client.GetStringAsync("/user"), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task A_page_view_costs_one_Redis_round_trip_which_also_slides_the_session()
    {
        const int views = 20;
        await using var redis = await RedisServer.StartAsync();
        await using var heroku = await StartDynosAsync(redis);
        using var client = heroku.Router.CreateClient();
        await SignInDriver.SignInAsync(client);
        await client.GetStringAsync("/user");
        var key = Assert.Single(await SessionKeysAsync(redis));
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
    public async Task With_Redis_not_answering_pages_sign_in_and_sign_out_say_503_and_the_person_is_still_signed_in_once_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var heroku = await StartDynosAsync(redis);
        using var client = heroku.Router.CreateClient();
        await SignInDriver.SignInAsync(client);
        using var newcomer = heroku.Router.CreateClient();
        var authorize = await SignInDriver.StartSignInAsync(newcomer);

        await redis.PauseAsync();
        try
        {
            using var page = await client.GetAsync("/user");
            await AssertBrieflyUnavailableAsync(heroku, page);

            using var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout");
            await AssertBrieflyUnavailableAsync(heroku, signOut);
            Assert.False(signOut.Headers.TryGetValues("Set-Cookie", out _));

            using var callback = await SignInDriver.CompleteCallbackAsync(newcomer, authorize);
            await AssertBrieflyUnavailableAsync(heroku, callback);
        }
        finally
        {
            await redis.ResumeAsync();
        }

        await Greetings.AssertOnEveryDynoAsync(heroku, () => GreetingOnceRedisAnswersAsync(client));
        Assert.DoesNotContain(heroku.Logs, line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("Unhandled", StringComparison.Ordinal));
    }

    private static async Task<HttpClient> SignedInClientAsync(HerokuApp heroku, CookieContainer cookies)
    {
        var client = heroku.Router.CreateClient(cookies);
        await SignInDriver.SignInAsync(client);
        return client;
    }

    private Task<HerokuApp> StartDynosAsync(RedisServer redis) =>
        HerokuApp.StartAsync(app, dynos: 2, new Dictionary<string, string> { ["REDIS_URL"] = redis.Url });

    [RedisFact]
    public async Task Only_a_dyno_with_REDIS_URL_loads_StackExchange_Redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var withRedis = await HerokuApp.StartAsync(app, dynos: 1, new Dictionary<string, string> { ["REDIS_URL"] = redis.Url });
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

    private static async Task AssertBrieflyUnavailableAsync(HerokuApp heroku, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Briefly unavailable", html, StringComparison.Ordinal);
        Assert.Contains(heroku.Router.ServedRequests.Last().RequestId, html, StringComparison.Ordinal);
    }

    // A command sent on a connection the client has not yet found dead fails after the client's own timeout, by which
    // time it is reconnecting; a command sent while it reconnects waits for the new connection. So a 503 is retried at
    // once, a bounded number of times: each try has already waited as long as the client waits.
    private static async Task<string> GreetingOnceRedisAnswersAsync(HttpClient client)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var page = await client.GetAsync("/user");
            if (page.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 3)
            {
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                return await page.Content.ReadAsStringAsync();
            }
        }
    }

    private static async Task<List<RedisKey>> SessionKeysAsync(RedisServer redis)
    {
        var keys = new List<RedisKey>();
        await foreach (var key in redis.Connection.GetServer(redis.Connection.GetEndPoints()[0]).KeysAsync(pattern: RedisTicketStore.KeyPrefix + "*"))
        {
            keys.Add(key);
        }

        return keys;
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
}
