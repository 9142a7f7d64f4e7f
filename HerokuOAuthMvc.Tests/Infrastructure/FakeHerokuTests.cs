using System.Net;
using System.Net.Http.Headers;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>The strict fake Heroku itself: one way to name an endpoint, and a forgotten scope that says what it is.</summary>
public sealed class FakeHerokuTests
{
    /// <summary>Named as a forker's test class names its fake (<c>_factory.Heroku</c>), so the docs' call is this one.</summary>
    private FakeHeroku Heroku { get; } = new();

    private static HttpClient PlatformApiClient(FakeHeroku heroku)
    {
        var client = new HttpClient(heroku) { BaseAddress = new Uri(FakeHeroku.ApiBase) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FakeHeroku.AccessToken);
        client.DefaultRequestHeaders.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/vnd.heroku+json; version=3"));
        return client;
    }

    [Theory]
    [InlineData("apps")]
    [InlineData("/apps")]
    [InlineData(FakeHeroku.ApiBase + "apps")]
    public async Task Failing_and_CountOf_take_the_path_as_OnPlatformApi_does_or_the_absolute_URL(string url)
    {
        var heroku = new FakeHeroku().Failing(HttpMethod.Get, url, HttpStatusCode.NotFound);

        using var answer = await PlatformApiClient(heroku).GetAsync("apps");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal(1, heroku.CountOf(HttpMethod.Get, "apps"));
        Assert.Equal(1, heroku.CountOf(HttpMethod.Get, FakeHeroku.ApiBase + "apps"));
        heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task Refused_takes_a_relative_path_too()
    {
        var heroku = new FakeHeroku().Refused(HttpMethod.Get, "apps");

        await Assert.ThrowsAsync<HttpRequestException>(() => PlatformApiClient(heroku).GetAsync("apps"));
    }

    [Fact]
    public async Task A_test_that_forgets_to_grant_the_scope_fails_naming_the_endpoint_the_scope_and_what_was_granted()
    {
        var heroku = new FakeHeroku().OnPlatformApi(HttpMethod.Get, "apps", "read", _ => FakeHeroku.Json(HttpStatusCode.OK, Array.Empty<object>()));

        using var answer = await PlatformApiClient(heroku).GetAsync("apps");

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        var failure = Assert.ThrowsAny<Exception>(heroku.VerifyNoUnexpectedRequests);
        Assert.Contains("GET /apps: the endpoint needs the read scope, but GrantedScope is \"identity\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_that_means_the_403_says_so_and_passes()
    {
        var heroku = new FakeHeroku { ExpectsScopeRefusals = true }
            .OnPlatformApi(HttpMethod.Get, "apps", "read", _ => FakeHeroku.Json(HttpStatusCode.OK, Array.Empty<object>()));

        using var answer = await PlatformApiClient(heroku).GetAsync("apps");

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task One_call_teaches_a_nested_path_for_every_app_and_hands_the_answer_the_app()
    {
        Heroku.GrantedScope = "read";
        Heroku.OnPlatformApi(HttpMethod.Get, "apps/{app}/dynos", "read", request => FakeHeroku.Json(HttpStatusCode.OK, new object[]
        {
            new { name = "web.1", type = "web", state = "up", size = "Basic", app = new { name = request.Route["app"] } },
        }));
        var client = PlatformApiClient(Heroku);

        var web = await client.GetStringAsync("apps/ada-web/dynos");
        var worker = await client.GetStringAsync("apps/ada-worker/dynos");

        Assert.Contains("\"app\":{\"name\":\"ada-web\"}", web, StringComparison.Ordinal);
        Assert.Contains("\"app\":{\"name\":\"ada-worker\"}", worker, StringComparison.Ordinal);
        Assert.Equal(1, Heroku.CountOf(HttpMethod.Get, "apps/ada-web/dynos"));
        Assert.Equal(2, Heroku.CountOf(HttpMethod.Get, "apps/{app}/dynos"));
        Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task A_path_taught_as_it_is_wins_over_the_template_it_matches_and_other_shapes_stay_unexpected()
    {
        var heroku = new FakeHeroku { GrantedScope = "read" }
            .OnPlatformApi(HttpMethod.Get, "apps/{app}/dynos", "read", _ => FakeHeroku.Json(HttpStatusCode.OK, Array.Empty<object>()))
            .Failing(HttpMethod.Get, "apps/ada-web/dynos", HttpStatusCode.TooManyRequests);
        var client = PlatformApiClient(heroku);

        using var failing = await client.GetAsync("apps/ada-web/dynos");
        using var other = await client.GetAsync("apps/ada-worker/dynos");
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync("apps/ada-web/addons"));

        Assert.Equal(HttpStatusCode.TooManyRequests, failing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("GET https://api.heroku.test/apps/ada-web/addons", Assert.Single(heroku.UnexpectedRequests));
    }
}
