using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>One dyno behind a TLS-ending stand-in for Heroku's router: the app must see the visitor's https.</summary>
[Trait("Category", "Slow")]
[Collection(OneDynoApp.Collection)]
public sealed class RouterTests(OneDynoApp dyno)
{
    private static readonly string[] Pages = ["/", "/css/site.css", "/no-such-page", "/healthz"];

    private readonly HerokuApp _heroku = dyno.Heroku;

    [Fact]
    public async Task Sign_in_through_the_router_uses_the_https_callback_Secure_cookies_and_HSTS()
    {
        var cookies = new CookieContainer();
        using var client = _heroku.Router.CreateClient(cookies);

        using (var home = await client.GetAsync("/"))
        {
            Assert.StartsWith("max-age=", home.Headers.GetValues(HeaderNames.StrictTransportSecurity).Single(), StringComparison.Ordinal);
        }

        var authorize = await SignInDriver.StartSignInAsync(client);
        Assert.Equal(_heroku.Router.CallbackUri.AbsoluteUri, QueryHelpers.ParseQuery(authorize.Query)["redirect_uri"]);

        using var callback = await SignInDriver.CompleteCallbackAsync(client, authorize);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var session = Assert.Single(callback.Headers.GetValues(HeaderNames.SetCookie), c => c.StartsWith("__Host-heroku-oauth-mvc=", StringComparison.Ordinal));
        Assert.Contains("; path=/;", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.All(cookies.GetAllCookies(), cookie => Assert.True(cookie.Secure && cookie.HttpOnly, $"{cookie.Name} must be Secure and HttpOnly"));

        Assert.Contains("Hello, Ada Lovelace", await client.GetStringAsync("/user"), StringComparison.Ordinal);
        Assert.DoesNotContain(_heroku.Logs, line =>
            line.Contains(FakeHeroku.AccessToken, StringComparison.Ordinal)
            || line.Contains(FakeHeroku.RefreshToken, StringComparison.Ordinal)
            || line.Contains(FakeHeroku.ClientSecret, StringComparison.Ordinal)
            || line.Contains(FakeHeroku.Code, StringComparison.Ordinal)
            || line.Contains(DynoConfig.CookieSecret, StringComparison.Ordinal)
            || cookies.GetAllCookies().Any(cookie => line.Contains(cookie.Value, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_response_through_the_router_carries_the_security_headers_and_its_request_id()
    {
        using var client = _heroku.Router.CreateClient();

        foreach (var path in Pages)
        {
            using var response = await client.GetAsync(path);

            var requestId = _heroku.Router.ServedRequests.Last().RequestId;
            Assert.Equal(requestId, response.Headers.GetValues("X-Request-Id").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues(HeaderNames.ContentSecurityPolicy).Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues(HeaderNames.XContentTypeOptions).Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(response.Headers.Contains(HeaderNames.StrictTransportSecurity), path);
        }
    }

    [Fact]
    public async Task The_routers_request_id_is_the_trace_identifier_and_in_every_log_line_of_the_request()
    {
        using var client = _heroku.Router.CreateClient();

        using var callback = await client.GetAsync("/auth/heroku/callback?error=access_denied");
        var callbackId = _heroku.Router.ServedRequests.Last().RequestId;
        using var page = await client.GetAsync(callback.Headers.Location);
        var html = await page.Content.ReadAsStringAsync();
        var pageId = _heroku.Router.ServedRequests.Last().RequestId;

        Assert.Equal(callbackId, callback.Headers.GetValues("X-Request-Id").Single());
        await _heroku.WaitForLogAsync(line => line.Contains("Sign-in with Heroku failed: Denied", StringComparison.Ordinal)
            && line.Contains($"request_id={callbackId}", StringComparison.Ordinal));
        Assert.Contains($">{pageId}</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_from_the_router_is_redirected_to_https()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_heroku.Dynos[0].Address, "user?tab=1"));
        request.Headers.Host = HerokuRouter.Host;
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"https://{HerokuRouter.Host}/user?tab=1", response.Headers.Location?.AbsoluteUri);
    }
}
