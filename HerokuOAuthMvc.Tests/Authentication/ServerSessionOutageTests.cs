using System.Net;
using HerokuOAuthMvc.Tests.Hosting;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Authentication;

/// <summary>
/// Redis not answering, with sessions kept in it: redis-server frozen (SIGSTOP) under two published dynos. A class of
/// its own, with its own redis-server and dynos, so the client timeouts it waits for run beside the other tests.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServerSessionOutageTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    [RedisFact]
    public async Task With_Redis_not_answering_pages_sign_in_and_sign_out_say_503_and_the_person_is_still_signed_in_once_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var heroku = await ServerSessionsTests.StartDynosAsync(app, redis);
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
}
