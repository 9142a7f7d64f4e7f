using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

public sealed class ErrorPagesTests : IDisposable
{
    private readonly HerokuAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page_with_the_routers_request_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Add("X-Request-Id", "5d2c1f8e-aaaa-4bbb-8ccc-0123456789ab");

        using var response = await _factory.CreateClient().SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains(">5d2c1f8e-aaaa-4bbb-8ccc-0123456789ab</code>", html, StringComparison.Ordinal);
        Assert.Equal("5d2c1f8e-aaaa-4bbb-8ccc-0123456789ab", response.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task A_request_id_that_could_forge_log_lines_is_ignored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.TryAddWithoutValidation("X-Request-Id", "abc def\tinfo: forged");

        using var response = await _factory.CreateClient().SendAsync(request);

        Assert.DoesNotContain("forged", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_from_another_site_shows_the_friendly_forbidden_page()
    {
        using var response = await _factory.CreateClient().PostAsync("/auth/heroku", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("id=\"notice-title\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_failure_shows_the_error_page_with_the_request_id_and_no_stack_trace()
    {
        var client = _factory.CreateClient();
        await SignInDriver.SignInAsync(client);
        _factory.Heroku.On(HttpMethod.Get, FakeHeroku.ApiBase + "account", _ => throw new InvalidOperationException("internal detail"));

        using var request = SignInDriver.FormPost(client, "/user/refresh");
        request.Headers.Add("X-Request-Id", "req-0123456789abcdefghij");
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.Contains(">req-0123456789abcdefghij</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("internal detail", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
    }
}
