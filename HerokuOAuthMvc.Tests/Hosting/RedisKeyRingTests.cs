using HerokuOAuthMvc.Hosting.DataProtection;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// With Heroku Key-Value Store attached (rediss://, self-signed certificate), the key ring lives in Redis and no
/// COOKIE_SECRET is needed.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RedisKeyRingTests(PublishedApp app, BrowserFixture browser) : IClassFixture<PublishedApp>, IClassFixture<BrowserFixture>
{
    [RedisFact]
    public async Task Two_dynos_sharing_a_rediss_REDIS_URL_and_no_COOKIE_SECRET_read_each_others_sessions_from_keys_kept_in_Redis()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var heroku = await HerokuApp.StartAsync(app, dynos: 2, new Dictionary<string, string> { ["REDIS_URL"] = redis.Url });
        using var client = heroku.Router.CreateClient();

        await SignInDriver.SignInAsync(client);
        await Greetings.AssertOnEveryDynoAsync(heroku, () => client.GetStringAsync("/user"));

        var keys = await redis.Connection.GetDatabase().ListRangeAsync(KeyManagementSetup.RedisKey);
        Assert.Contains(keys, key => key.ToString().StartsWith("<key id=", StringComparison.Ordinal));
        Assert.Contains(heroku.Logs, line => line.Contains("Data Protection keys live in Redis", StringComparison.Ordinal));
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));

        await heroku.RestartAllAsync();

        await Greetings.AssertOnEveryDynoAsync(heroku, () => client.GetStringAsync("/user"));
    }

    [RedisFact(AlsoNeedsBrowser = true)]
    public async Task In_Chromium_over_https_sign_in_works_with_two_dynos_sharing_Redis_and_survives_a_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var heroku = await HerokuApp.StartAsync(app, dynos: 2, new Dictionary<string, string> { ["REDIS_URL"] = redis.Url });

        await Greetings.AssertChromiumSignInSurvivesRestartsAsync(browser, heroku);
    }
}
