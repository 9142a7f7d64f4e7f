using System.Net;
using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HerokuOAuthMvc.Tests.Controllers;

/// <summary>The optional apps page: there with a scope that can read apps, fresh from Heroku on each view, friendly when Heroku fails.</summary>
public sealed class AppsControllerTests : IDisposable
{
    private const string AppsEndpoint = FakeHeroku.ApiBase + "apps";

    private readonly HerokuAppFactory _factory = new() { Time = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public void Dispose() => _factory.Dispose();

    private FakeHeroku Heroku => _factory.Heroku;

    /// <summary>Signs in with <paramref name="scope"/> configured and granted, with Heroku listing two apps.</summary>
    private async Task<HttpClient> SignedInClientAsync(string scope)
    {
        _factory.With("Heroku:Scope", scope);
        Heroku.GrantedScope = scope;
        Heroku.OnPlatformApi(HttpMethod.Get, "apps", "read", _ => FakeHeroku.Json(HttpStatusCode.OK, new object[]
        {
            new { id = "1", name = "ada-notes", web_url = "https://ada-notes-0123456789ab.herokuapp.com/", updated_at = "2026-11-20T10:00:00Z", stack = new { name = "heroku-24" } },
            new { id = "2", name = "ada-worker", web_url = (string?)null, updated_at = "2026-03-05T08:30:00Z" },
        }));
        var client = _factory.CreateClient();
        await SignInDriver.SignInAsync(client);
        return client;
    }

    [Theory]
    [InlineData("identity read")]
    [InlineData("identity write")]
    [InlineData("identity read-protected")]
    [InlineData("identity write-protected")]
    [InlineData("global")]
    public async Task With_a_scope_that_can_read_apps_the_page_lists_them_from_Heroku_on_each_view_and_the_greeting_links_to_it(string scope)
    {
        var client = await SignedInClientAsync(scope);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        using var page = await client.GetAsync("/apps");
        (await client.GetAsync("/apps")).Dispose();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<a class=\"text-break\" href=\"https://ada-notes-0123456789ab.herokuapp.com/\">ada-notes</a>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"text-break\">ada-worker</span>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-11-20T10:00:00.0000000&#x2B;00:00\">Freitag, 20. November 2026 10:00 UTC</time>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("ada-notes", StringComparison.Ordinal) < html.IndexOf("ada-worker", StringComparison.Ordinal), "The most recently updated app comes first.");
        Assert.Equal(2, Heroku.CountOf(HttpMethod.Get, AppsEndpoint));
        Assert.All(Heroku.Requests.Where(r => r.Uri.AbsoluteUri == AppsEndpoint), r => Assert.Equal($"Bearer {FakeHeroku.AccessToken}", r.Authorization));
        Assert.Contains("<a href=\"/apps\">Your apps</a>", await client.GetStringAsync("/user"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_identity_scope_the_page_does_not_exist_and_nothing_links_to_it()
    {
        var client = await SignedInClientAsync("identity");

        using var page = await client.GetAsync("/apps");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("/apps", await client.GetStringAsync("/user"), StringComparison.Ordinal);
        Assert.Equal(0, Heroku.CountOf(HttpMethod.Get, AppsEndpoint));
    }

    [Fact]
    public async Task Strangers_are_sent_to_sign_in()
    {
        _factory.With("Heroku:Scope", "identity read");

        using var page = await _factory.CreateClient().GetAsync("/apps");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/?ReturnUrl=%2Fapps", page.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_access_token_about_to_expire_is_refreshed_on_the_way_to_the_page_and_kept_with_the_session()
    {
        var client = await SignedInClientAsync("identity read");
        _factory.Time!.Advance(TimeSpan.FromSeconds(28799) - HerokuTokenRefresher.RefreshWindow + TimeSpan.FromSeconds(1));

        using var page = await client.GetAsync("/apps");
        using var again = await client.GetAsync("/apps");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Single(Heroku.Requests, r => r.Form.GetValueOrDefault("grant_type") == "refresh_token");
        Assert.All(Heroku.Requests.Where(r => r.Uri.AbsoluteUri == AppsEndpoint), r => Assert.Equal($"Bearer {FakeHeroku.RefreshedAccessToken}", r.Authorization));
        Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-heroku-oauth-mvc=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Heroku_answering_401_signs_the_person_out_and_the_sign_in_page_says_the_session_ended()
    {
        var client = await SignedInClientAsync("identity read");
        Heroku.Failing(HttpMethod.Get, AppsEndpoint, HttpStatusCode.Unauthorized);

        using var page = await client.GetAsync("/apps");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/?notice=session-ended", page.Headers.Location?.OriginalString);
        Assert.Contains("Your session has ended", await client.GetStringAsync(page.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/user")).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_Heroku_refuses_on_the_way_to_the_page_signs_the_person_out()
    {
        var client = await SignedInClientAsync("identity read");
        Heroku.On(HttpMethod.Post, FakeHeroku.TokenEndpoint, _ => FakeHeroku.Json(HttpStatusCode.BadRequest, new { id = "invalid_grant", message = "Invalid grant." }));
        _factory.Time!.Advance(TimeSpan.FromSeconds(28799));

        using var page = await client.GetAsync("/apps");

        Assert.Equal("/?notice=session-ended", page.Headers.Location?.OriginalString);
        Assert.Equal(0, Heroku.CountOf(HttpMethod.Get, AppsEndpoint));
    }

    [Fact]
    public async Task Heroku_rate_limiting_shows_the_429_page()
    {
        var client = await SignedInClientAsync("identity read");
        Heroku.Failing(HttpMethod.Get, AppsEndpoint, HttpStatusCode.TooManyRequests);

        using var page = await client.GetAsync("/apps");

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Heroku is rate limiting", html, StringComparison.Ordinal);
        Assert.Contains("Try again in a minute", html, StringComparison.Ordinal);
        Assert.Equal(1, Heroku.CountOf(HttpMethod.Get, AppsEndpoint));
        Assert.Single(_factory.Logs.Lines, line => line.Message == "Heroku refused a Platform API call: 429 (rate_limit).");
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Heroku_failing_is_retried_then_the_503_page_shows_the_request_id(HttpStatusCode status)
    {
        var client = await SignedInClientAsync("identity read");
        Heroku.Failing(HttpMethod.Get, AppsEndpoint, status);

        using var page = await client.GetAsync("/apps");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Heroku is not answering", html, StringComparison.Ordinal);
        Assert.Contains("mention request id <code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.Equal(1 + 2, Heroku.CountOf(HttpMethod.Get, AppsEndpoint));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_the_503_page_is_shown()
    {
        var client = await SignedInClientAsync("identity read");
        Heroku.Refused(HttpMethod.Get, AppsEndpoint);

        using var page = await client.GetAsync("/apps");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("Heroku is not answering", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
