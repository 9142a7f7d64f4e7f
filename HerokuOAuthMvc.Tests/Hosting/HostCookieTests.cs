using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// Outside Development the session and antiforgery cookies carry the <c>__Host-</c> prefix (Secure, Path=/, no
/// Domain), so no other host can set or shadow them; Development runs on plain http and keeps the plain names.
/// </summary>
public sealed class HostCookieTests
{
    [Fact]
    public async Task In_production_the_session_and_antiforgery_cookies_are_host_cookies()
    {
        await using var factory = new HerokuAppFactory();
        var client = factory.CreateClient();

        using var home = await client.GetAsync("/");
        var authorize = await SignInDriver.StartSignInAsync(client);
        using var callback = await SignInDriver.CompleteCallbackAsync(client, authorize);
        var setCookies = home.Headers.GetValues(HeaderNames.SetCookie).Concat(callback.Headers.GetValues(HeaderNames.SetCookie)).ToList();

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        foreach (var name in new[] { "__Host-heroku-oauth-mvc-af=", "__Host-heroku-oauth-mvc=" })
        {
            var cookie = Assert.Single(setCookies, c => c.StartsWith(name, StringComparison.Ordinal));
            Assert.Contains("; path=/;", cookie + ";", StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        }

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
    public async Task In_development_on_plain_http_the_cookies_keep_their_plain_names()
    {
        using var factory = new KestrelAppFactory();
        using var client = new HttpClient(new CookieJar()) { BaseAddress = factory.Start() };

        using var home = await client.GetAsync("/");

        var antiforgery = Assert.Single(home.Headers.GetValues(HeaderNames.SetCookie));
        Assert.StartsWith("heroku-oauth-mvc-af=", antiforgery, StringComparison.Ordinal);
        Assert.DoesNotContain("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }
}
