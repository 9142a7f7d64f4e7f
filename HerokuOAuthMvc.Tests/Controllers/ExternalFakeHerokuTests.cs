using System.Net;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HerokuOAuthMvc.Tests.Controllers;

/// <summary>Production with an OAuth client, its <c>Heroku__*</c> endpoints pointed at a fake Heroku over real HTTP.</summary>
public sealed class ExternalFakeHerokuTests
{
    [Fact]
    public async Task Production_talks_only_to_the_configured_endpoints_over_http()
    {
        await using var server = await FakeHerokuServer.StartAsync();
        using var factory = AppFor(server);
        var client = factory.CreateClient();

        var authorize = await SignInDriver.StartSignInAsync(client);
        Assert.StartsWith(server.AuthorizationEndpoint, authorize.AbsoluteUri, StringComparison.Ordinal);

        using var callback = await SignInDriver.CompleteCallbackAsync(client, authorize);
        var greeting = await client.GetStringAsync(callback.Headers.Location);

        Assert.Contains("Hello, Ada Lovelace", greeting, StringComparison.Ordinal);
        Assert.Equal(1, server.Heroku.CountOf(HttpMethod.Post, FakeHeroku.TokenEndpoint));
        Assert.Equal(1, server.Heroku.CountOf(HttpMethod.Get, FakeHeroku.ApiBase + "account"));
        server.Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task With_tokens_that_live_a_second_the_session_keeps_working_past_expiry_through_a_refresh()
    {
        await using var server = await FakeHerokuServer.StartAsync(new FakeHeroku().WithTokenEndpoint(expiresIn: 1).WithAccount(FakeHeroku.DefaultAccount).WithRevocation());
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = AppFor(server);
        factory.Time = time;
        var client = factory.CreateClient();
        await SignInDriver.SignInAsync(client);

        for (var round = 1; round <= 2; round++)
        {
            // The app's clock, past the token's second of life; the calls to Heroku stay real HTTP.
            time.Advance(TimeSpan.FromSeconds(1.5));
            for (var i = 0; i < 20; i++)
            {
                Assert.Contains("Hello, Ada Lovelace", await client.GetStringAsync("/user"), StringComparison.Ordinal);
            }

            using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");
            Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
            Assert.Equal(round, server.Heroku.Requests.Count(r => r.Form.GetValueOrDefault("grant_type") == "refresh_token"));
            Assert.Equal($"Bearer {FakeHeroku.RefreshedAccessToken}", server.Heroku.Requests.Last(r => r.Uri.AbsolutePath == "/account").Authorization);
        }

        Assert.Equal(1 + 2, server.Heroku.CountOf(HttpMethod.Get, FakeHeroku.ApiBase + "account"));
        server.Heroku.VerifyNoUnexpectedRequests();
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable, "Heroku is not answering")]
    [InlineData(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, "Heroku is not answering")]
    [InlineData(HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, "Heroku is rate limiting")]
    public async Task With_the_API_failing_the_user_page_and_Refresh_stay_friendly(HttpStatusCode answer, HttpStatusCode status, string title)
    {
        await using var server = await FakeHerokuServer.StartAsync();
        using var factory = AppFor(server);
        var client = factory.CreateClient();
        await SignInDriver.SignInAsync(client);
        server.Heroku.Failing(HttpMethod.Get, FakeHeroku.ApiBase + "account", answer);

        using var page = await client.GetAsync("/user");
        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(status, refresh.StatusCode);
        var html = await refresh.Content.ReadAsStringAsync();
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains("Hello, Ada Lovelace", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_API_answering_401_Refresh_signs_out_to_the_sign_in_page_with_a_message()
    {
        await using var server = await FakeHerokuServer.StartAsync();
        using var factory = AppFor(server);
        var client = factory.CreateClient();
        await SignInDriver.SignInAsync(client);
        server.Heroku.Failing(HttpMethod.Get, FakeHeroku.ApiBase + "account", HttpStatusCode.Unauthorized);

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        Assert.Equal("/?notice=session-ended", refresh.Headers.Location?.OriginalString);
        Assert.Contains("Your session has ended", await client.GetStringAsync(refresh.Headers.Location), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_API_host_down_Refresh_stays_friendly()
    {
        await using var server = await FakeHerokuServer.StartAsync();
        using var factory = AppFor(server);
        var client = factory.CreateClient();
        Assert.Equal("/user", (await SignInDriver.SignInAsync(client)).OriginalString);
        await server.DisposeAsync();

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refresh.StatusCode);
        Assert.Contains("Heroku is not answering", await refresh.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // Real HTTP on the real clock: the production timeouts, not the factory's one-second attempts, which a loaded machine
    // can miss while the code is exchanged (a failed sign-in then shows as a redirect from /user).
    private static HerokuAppFactory AppFor(FakeHerokuServer server) =>
        new HerokuAppFactory { UseFakeHeroku = false }
            .With("Heroku:Resilience:AttemptTimeout", new HerokuResilienceOptions().AttemptTimeout.ToString())
            .With("Heroku:Resilience:TotalTimeout", new HerokuResilienceOptions().TotalTimeout.ToString())
            .With("Heroku:AuthorizationEndpoint", server.AuthorizationEndpoint)
            .With("Heroku:TokenEndpoint", server.TokenEndpoint)
            .With("Heroku:ApiBaseAddress", server.ApiBaseAddress);

}
