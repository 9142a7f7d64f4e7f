using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>What <c>heroku logs --tail</c> shows of the published app at the default level: the events, one line each.</summary>
[Trait("Category", "Slow")]
[Collection(OneDynoApp.Collection)]
public sealed class LoggingTests(OneDynoApp dyno)
{
    private readonly HerokuApp _heroku = dyno.Heroku;

    [Fact]
    public async Task A_page_view_logs_nothing_a_sign_in_two_lines_and_a_failed_Heroku_call_one_warning_with_its_status_and_error_id()
    {
        var cookies = new CookieContainer();
        using var client = _heroku.Router.CreateClient(cookies);

        var pageView = await _heroku.LinesLoggedDuringAsync(async () => (await client.GetAsync("/")).EnsureSuccessStatusCode());
        Assert.True(pageView.Count <= 1, "A page view logged:\n" + string.Join('\n', pageView));

        var signIn = await _heroku.LinesLoggedDuringAsync(() => SignInDriver.SignInAsync(client));
        Assert.Collection(
            signIn,
            started => Assert.StartsWith("at=info msg=\"AuthenticationScheme: Heroku was challenged.\"", started, StringComparison.Ordinal),
            signedIn => Assert.StartsWith("at=info msg=\"Signed in with Heroku.\"", signedIn, StringComparison.Ordinal));
        var requestIds = _heroku.Router.ServedRequests.TakeLast(2).Select(request => $" request_id={request.RequestId} ");
        Assert.All(signIn.Zip(requestIds), pair => Assert.Contains(pair.Second, pair.First, StringComparison.Ordinal));

        var greeting = await _heroku.LinesLoggedDuringAsync(async () => (await client.GetAsync("/user")).EnsureSuccessStatusCode());
        Assert.True(greeting.Count <= 1, "A page view logged:\n" + string.Join('\n', greeting));

        // Heroku fails every try (the resilience pipeline retries it): still one line, after the retries.
        _heroku.Heroku.Heroku.Failing(HttpMethod.Get, FakeHeroku.ApiBase + "account", HttpStatusCode.ServiceUnavailable);
        List<string> failure;
        try
        {
            failure = await _heroku.LinesLoggedDuringAsync(async () => await SignInDriver.PostFormAsync(client, "/user/refresh"));
        }
        finally
        {
            // The dyno's other classes may sign in after this one.
            _heroku.Heroku.Heroku.WithAccount(FakeHeroku.DefaultAccount);
        }

        var line = Assert.Single(failure);
        Assert.StartsWith("at=warn ", line, StringComparison.Ordinal);
        Assert.All(
            [" status=503 ", " error_id=unavailable ", " request_id="],
            value => Assert.Contains(value, line, StringComparison.Ordinal));

        Assert.DoesNotContain(_heroku.Logs, logged =>
            new[] { FakeHeroku.AccessToken, FakeHeroku.RefreshToken, FakeHeroku.ClientSecret, FakeHeroku.Code, DynoConfig.CookieSecret }
                .Concat(cookies.GetAllCookies().Select(cookie => cookie.Value))
                .Any(secret => logged.Contains(secret, StringComparison.Ordinal)));
    }
}
