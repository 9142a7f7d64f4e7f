using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace HerokuOAuthMvc.Tests.Hosting;

public sealed class SecurityHeadersTests : IDisposable
{
    private readonly HerokuAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/css/site.css")]
    [InlineData("/no-such-page")]
    [InlineData("/healthz")]
    public async Task Every_response_forbids_framing_inline_script_and_sniffing(string path)
    {
        using var response = await _factory.CreateClient().GetAsync(path);

        var policy = response.Headers.GetValues(HeaderNames.ContentSecurityPolicy).Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues(HeaderNames.XContentTypeOptions).Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_sign_in_form_may_post_on_to_Herokus_authorize_endpoint_and_nowhere_else()
    {
        using var response = await _factory.CreateClient().GetAsync("/");

        var policy = response.Headers.GetValues(HeaderNames.ContentSecurityPolicy).Single();
        Assert.Contains("form-action 'self' https://id.heroku.test;", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_Development_https_responses_carry_HSTS_and_every_cookie_is_Secure()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://herokuoauthmvc.example/"),
            AllowAutoRedirect = false,
        });

        using var response = await client.GetAsync("/");
        using var signIn = await SignInDriver.PostFormAsync(client, "/auth/heroku");

        Assert.StartsWith("max-age=31536000", response.Headers.GetValues(HeaderNames.StrictTransportSecurity).Single(), StringComparison.Ordinal);
        var correlation = Assert.Single(signIn.Headers.GetValues(HeaderNames.SetCookie));
        Assert.Contains("; secure", correlation, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", correlation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Outside_Development_cookies_are_Secure_even_when_a_request_arrives_as_plain_http()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://herokuoauthmvc.example/"), AllowAutoRedirect = false });

        using var signIn = await SignInDriver.PostFormAsync(client, "/auth/heroku");

        Assert.Contains("; secure", Assert.Single(signIn.Headers.GetValues(HeaderNames.SetCookie)), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/user")]
    [InlineData("/no-such-page")]
    public async Task Pages_are_kept_out_of_every_cache(string path)
    {
        var client = _factory.CreateClient();
        await SignInDriver.SignInAsync(client);

        using var response = await client.GetAsync(path);

        Assert.True(response.Headers.CacheControl is { NoStore: true, NoCache: true }, $"{path}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task Static_files_keep_the_caching_their_endpoints_give_them()
    {
        var client = _factory.CreateClient();
        var html = await client.GetStringAsync("/");
        var stylesheet = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/css/site\\.[a-z0-9]+\\.css)\"").Groups[1].Value;

        using var response = await client.GetAsync(stylesheet);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task In_Development_plain_http_is_served_without_HSTS()
    {
        using var factory = new HerokuAppFactory { Environment = "Development" };
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost/"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(HeaderNames.StrictTransportSecurity));
    }
}
