using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace HerokuOAuthMvc.Tests.Controllers;

public sealed class SignInFlowTests : IDisposable
{
    private readonly HerokuAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_sign_in_page_has_one_Sign_in_with_Heroku_button_posting_a_form_with_no_secret_in_it()
    {
        var client = _factory.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, ">Sign in with Heroku</button>"));
        Assert.Contains("<form method=\"post\" action=\"/auth/heroku\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"hidden\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_redirects_to_Heroku_with_the_client_id_identity_scope_code_and_state()
    {
        var client = _factory.CreateClient();

        var authorize = await SignInDriver.StartSignInAsync(client);

        Assert.Equal(FakeHeroku.AuthorizationEndpoint, authorize.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal(FakeHeroku.ClientId, query["client_id"]);
        Assert.Equal("identity", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.Equal("https://localhost/auth/heroku/callback", query["redirect_uri"]);
        Assert.False(query.ContainsKey("code_challenge"));
    }

    [Fact]
    public async Task The_whole_flow_greets_the_user_with_what_Heroku_says()
    {
        var client = _factory.CreateClient();

        var landing = await SignInDriver.SignInAsync(client);
        var html = await client.GetStringAsync(landing);

        Assert.Equal("/user", landing.OriginalString);
        Assert.Contains("Hello, Ada Lovelace", html, StringComparison.Ordinal);
        Assert.Contains("user@example.com", html, StringComparison.Ordinal);
        _factory.Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task The_code_exchange_sends_the_code_and_the_client_secret()
    {
        var client = _factory.CreateClient();

        await SignInDriver.SignInAsync(client);

        var exchange = Assert.Single(_factory.Heroku.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal("authorization_code", exchange.Form["grant_type"]);
        Assert.Equal(FakeHeroku.Code, exchange.Form["code"]);
        Assert.Equal(FakeHeroku.ClientSecret, exchange.Form["client_secret"]);
    }

    [Fact]
    public async Task An_account_without_a_name_is_greeted_by_email()
    {
        _factory.Heroku.WithAccount(new { id = "1", email = "nameless@example.com", name = (string?)null, verified = true });
        var client = _factory.CreateClient();

        await SignInDriver.SignInAsync(client);

        Assert.Contains("Hello, nameless@example.com", await client.GetStringAsync("/user"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_return_url_is_where_the_sign_in_lands()
    {
        var client = _factory.CreateClient();

        var landing = await SignInDriver.SignInAsync(client, returnUrl: "/user?tab=details");

        Assert.Equal("/user?tab=details", landing.OriginalString);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    public async Task An_off_site_return_url_lands_on_the_user_page_instead(string returnUrl)
    {
        var client = _factory.CreateClient();

        var landing = await SignInDriver.SignInAsync(client, returnUrl);

        Assert.Equal("/user", landing.OriginalString);
    }

    [Theory]
    [InlineData("cross-site", "https://evil.example")]
    [InlineData("same-site", "https://evil.localhost")]
    [InlineData("cross-site", null)]
    [InlineData(null, "https://evil.example")]
    [InlineData(null, "http://localhost")]
    [InlineData(null, "null")]
    [InlineData(null, null)]
    public async Task A_sign_in_forged_by_another_site_is_refused_and_Heroku_is_never_asked(string? fetchSite, string? origin)
    {
        var client = _factory.CreateClient();

        using var response = await client.SendAsync(Post("/auth/heroku", fetchSite, origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Empty(_factory.Heroku.Requests);
    }

    [Theory]
    [InlineData("same-origin", null)]
    [InlineData("none", null)]
    [InlineData(null, "https://localhost")]
    [InlineData(null, "HTTPS://LOCALHOST")]
    public async Task A_sign_in_from_the_sites_own_page_starts_the_flow_whichever_header_the_browser_sends(string? fetchSite, string? origin)
    {
        var client = _factory.CreateClient();

        using var response = await client.SendAsync(Post("/auth/heroku", fetchSite, origin));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(FakeHeroku.AuthorizationEndpoint, response.Headers.Location?.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sec_Fetch_Site_is_believed_over_a_matching_Origin()
    {
        var client = _factory.CreateClient();

        using var response = await client.SendAsync(Post("/auth/heroku", "cross-site", "https://localhost"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_GET_to_the_sign_in_route_shows_the_sign_in_page_instead_of_starting_the_flow()
    {
        var client = _factory.CreateClient();

        using var response = await client.GetAsync("/auth/heroku");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_user_page_without_a_session_sends_the_visitor_to_sign_in_and_shows_no_one()
    {
        var client = _factory.CreateClient();

        using var response = await client.GetAsync("/user");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/?", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("user@example.com", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_factory.Heroku.Requests);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_returns_to_the_sign_in_page()
    {
        var client = _factory.CreateClient();
        await SignInDriver.SignInAsync(client);

        using var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/?notice=signed-out", signOut.Headers.Location?.OriginalString);
        using var user = await client.GetAsync("/user");
        Assert.Equal(HttpStatusCode.Redirect, user.StatusCode);
        Assert.Contains("Sign in with Heroku", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/auth/signout")]
    [InlineData("/user/refresh")]
    public async Task A_sign_out_or_Refresh_forged_by_another_site_is_refused_and_keeps_the_session(string path)
    {
        var client = _factory.CreateClient();
        await SignInDriver.SignInAsync(client);
        var accountCalls = _factory.Heroku.CountOf(HttpMethod.Get, FakeHeroku.ApiBase + "account");

        using var forged = await client.SendAsync(Post(path, "cross-site", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie"));
        Assert.Equal(accountCalls, _factory.Heroku.CountOf(HttpMethod.Get, FakeHeroku.ApiBase + "account"));
        using var user = await client.GetAsync("/user");
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
    }

    [Fact]
    public async Task Denying_consent_on_Heroku_shows_the_declined_page()
    {
        var client = _factory.CreateClient();
        await SignInDriver.StartSignInAsync(client);

        using var callback = await client.GetAsync("/auth/heroku/callback?error=access_denied&error_description=The+user+denied+access");
        using var page = await client.GetAsync(callback.Headers.Location);

        Assert.Equal("/auth/heroku/failed?reason=denied", callback.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("You declined access", html, StringComparison.Ordinal);
        Assert.Contains("Sign in with Heroku", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_without_state_shows_the_invalid_link_page()
    {
        var client = _factory.CreateClient();

        using var callback = await client.GetAsync("/auth/heroku/callback?code=abc");
        using var page = await client.GetAsync(callback.Headers.Location);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("sign-in link is not valid", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_factory.Heroku.Requests);
    }

    [Fact]
    public async Task A_code_Heroku_rejects_shows_a_friendly_page()
    {
        var client = _factory.CreateClient();
        var authorize = await SignInDriver.StartSignInAsync(client);

        using var callback = await SignInDriver.CompleteCallbackAsync(client, authorize, code: "wrong-code");
        using var page = await client.GetAsync(callback.Headers.Location);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Heroku did not accept the sign-in", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A form post carrying the headers a browser would have set, or none of them.</summary>
    private static HttpRequestMessage Post(string path, string? fetchSite, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([]) };
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }
}
