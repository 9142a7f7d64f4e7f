using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// Outside Development the session cookie carries the <c>__Host-</c> prefix (Secure, Path=/, no Domain), so no other
/// host can set or shadow it; Development runs on plain http and keeps the plain name.
/// </summary>
public sealed class HostCookieTests
{
    [Fact]
    public async Task In_production_the_session_cookie_is_a_host_cookie_and_the_sign_in_page_sets_none()
    {
        await using var factory = new HerokuAppFactory();
        var client = factory.CreateClient();

        using var home = await client.GetAsync("/");
        var authorize = await SignInDriver.StartSignInAsync(client);
        using var callback = await SignInDriver.CompleteCallbackAsync(client, authorize);
        var setCookies = callback.Headers.GetValues(HeaderNames.SetCookie).ToList();

        Assert.False(home.Headers.Contains(HeaderNames.SetCookie));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var cookie = Assert.Single(setCookies, c => c.StartsWith("__Host-heroku-oauth-mvc=", StringComparison.Ordinal));
        Assert.Contains("; path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(setCookies, c => c.StartsWith("heroku-oauth-mvc", StringComparison.Ordinal));
        Assert.Contains("Hello, Ada Lovelace", await client.GetStringAsync("/user"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_a_session_cookie_under_the_plain_name_is_no_session()
    {
        await using var factory = new HerokuAppFactory();
        var client = factory.CreateClient();
        var authorize = await SignInDriver.StartSignInAsync(client);
        using var callback = await SignInDriver.CompleteCallbackAsync(client, authorize);
        var value = callback.Headers.GetValues(HeaderNames.SetCookie)
            .Single(c => c.StartsWith("__Host-heroku-oauth-mvc=", StringComparison.Ordinal)).Split(';')[0].Split('=', 2)[1];
        var stranger = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost/") });

        using var prefixed = new HttpRequestMessage(HttpMethod.Get, "/user") { Headers = { { "Cookie", $"__Host-heroku-oauth-mvc={value}" } } };
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/user") { Headers = { { "Cookie", $"heroku-oauth-mvc={value}" } } };

        Assert.Equal(HttpStatusCode.OK, (await stranger.SendAsync(prefixed)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.SendAsync(plain)).StatusCode);
    }

    [Fact]
    public async Task In_development_on_plain_http_the_session_cookie_keeps_its_plain_name()
    {
        using var factory = new KestrelAppFactory();
        using var client = new HttpClient(new CookieJar()) { BaseAddress = factory.Start() };

        var authorize = await SignInDriver.StartSignInAsync(client);
        var state = QueryHelpers.ParseQuery(authorize.Query)["state"].ToString();
        using var allow = await SignInDriver.PostFormAsync(client, authorize.AbsolutePath, [new("state", state), new("decision", "allow")]);
        using var callback = await client.GetAsync(allow.Headers.Location);

        var session = Assert.Single(callback.Headers.GetValues(HeaderNames.SetCookie), c => c.StartsWith("heroku-oauth-mvc=", StringComparison.Ordinal));
        Assert.DoesNotContain("; secure", session, StringComparison.OrdinalIgnoreCase);
    }
}
