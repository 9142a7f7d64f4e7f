using System.Net;
using System.Net.Http.Headers;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>The strict fake Heroku itself: one way to name an endpoint, and a forgotten scope that says what it is.</summary>
public sealed class FakeHerokuTests
{
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
}
