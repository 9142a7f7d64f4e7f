using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HerokuOAuthMvc.Tests.Controllers;

/// <summary>Every way Heroku's callback can fail ends on a friendly page that offers to sign in again, never on a 500.</summary>
public sealed class CallbackFailureTests : IDisposable
{
    private const string AccountEndpoint = FakeHeroku.ApiBase + "account";
    private const string Markup = "<script>alert(1)</script>";

    private readonly HerokuAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("error=access_denied&error_description=", "denied", HttpStatusCode.Forbidden, "You declined access")]
    [InlineData("error=server_error&error_description=", "heroku-error", HttpStatusCode.BadRequest, "Heroku did not complete the sign-in")]
    [InlineData("code=abc&error_description=", "invalid-state", HttpStatusCode.BadRequest, "sign-in link is not valid")]
    [InlineData("code=abc&state=forged&error_description=", "invalid-state", HttpStatusCode.BadRequest, "sign-in link is not valid")]
    public async Task A_callback_Heroku_or_a_stranger_sent_back_wrong_ends_on_a_friendly_page(string query, string reason, HttpStatusCode status, string title)
    {
        var client = _factory.CreateClient();
        await SignInDriver.StartSignInAsync(client);

        using var callback = await client.GetAsync($"/auth/heroku/callback?{query}{Uri.EscapeDataString(Markup)}");

        await AssertFriendlyFailureAsync(client, callback, reason, status, title);
        Assert.DoesNotContain(_factory.Heroku.Requests, r => r.Method == HttpMethod.Post);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&code=")]
    [InlineData("&code[]=abc")]
    [InlineData("&code%5B%5D=abc")]
    [InlineData("&code[]=")]
    [InlineData("&Code2=abc")]
    public async Task A_callback_with_a_valid_state_but_no_usable_code_is_a_400_sign_in_failure_not_an_outage(string code)
    {
        var client = _factory.CreateClient();
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery((await SignInDriver.StartSignInAsync(client)).Query)["state"].ToString();

        using var callback = await client.GetAsync($"/auth/heroku/callback?state={Uri.EscapeDataString(state)}{code}");

        await AssertFriendlyFailureAsync(client, callback, "missing-code", HttpStatusCode.BadRequest, "That sign-in link is not complete");
        Assert.DoesNotContain(_factory.Heroku.Requests, r => r.Method == HttpMethod.Post);
        Assert.Contains(_factory.Logs.Lines, line => line.Message.Contains(nameof(HerokuOAuthMvc.Authentication.SignInFailure.MissingCode), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_without_the_correlation_cookie_says_the_sign_in_expired()
    {
        var authorize = await SignInDriver.StartSignInAsync(_factory.CreateClient());
        var otherBrowser = _factory.CreateClient();

        using var callback = await SignInDriver.CompleteCallbackAsync(otherBrowser, authorize);

        await AssertFriendlyFailureAsync(otherBrowser, callback, "expired", HttpStatusCode.BadRequest, "Your sign-in expired");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "code-rejected", "Heroku did not accept the sign-in")]
    [InlineData(HttpStatusCode.Unauthorized, "code-rejected", "Heroku did not accept the sign-in")]
    [InlineData(HttpStatusCode.TooManyRequests, "rate-limited", "Heroku is rate limiting")]
    [InlineData(HttpStatusCode.InternalServerError, "unavailable", "Heroku is not answering")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "unavailable", "Heroku is not answering")]
    public async Task A_token_endpoint_that_fails_the_code_exchange_ends_on_a_friendly_page(HttpStatusCode answer, string reason, string title)
    {
        _factory.Heroku.Failing(HttpMethod.Post, FakeHeroku.TokenEndpoint, answer);
        var client = _factory.CreateClient();

        using var callback = await SignInDriver.CompleteCallbackAsync(client, await SignInDriver.StartSignInAsync(client));

        var status = answer switch
        {
            HttpStatusCode.TooManyRequests => HttpStatusCode.TooManyRequests,
            >= HttpStatusCode.InternalServerError => HttpStatusCode.ServiceUnavailable,
            _ => HttpStatusCode.BadRequest,
        };
        await AssertFriendlyFailureAsync(client, callback, reason, status, title);
        Assert.Equal(1, _factory.Heroku.CountOf(HttpMethod.Post, FakeHeroku.TokenEndpoint));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "unauthorized", HttpStatusCode.Unauthorized, "Heroku did not accept the sign-in", 1)]
    [InlineData(HttpStatusCode.TooManyRequests, "rate-limited", HttpStatusCode.TooManyRequests, "Heroku is rate limiting", 1)]
    [InlineData(HttpStatusCode.InternalServerError, "unavailable", HttpStatusCode.ServiceUnavailable, "Heroku is not answering", 3)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "unavailable", HttpStatusCode.ServiceUnavailable, "Heroku is not answering", 3)]
    public async Task The_account_failing_at_sign_in_ends_on_a_friendly_page_after_bounded_retries(
        HttpStatusCode answer, string reason, HttpStatusCode status, string title, int attempts)
    {
        _factory.Heroku.Failing(HttpMethod.Get, AccountEndpoint, answer);
        var client = _factory.CreateClient();

        using var callback = await SignInDriver.CompleteCallbackAsync(client, await SignInDriver.StartSignInAsync(client));

        await AssertFriendlyFailureAsync(client, callback, reason, status, title);
        Assert.Equal(attempts, _factory.Heroku.CountOf(HttpMethod.Get, AccountEndpoint));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/user")).StatusCode);
    }

    [Fact]
    public async Task The_account_unreachable_at_sign_in_ends_on_a_friendly_page()
    {
        _factory.Heroku.Refused(HttpMethod.Get, AccountEndpoint);
        var client = _factory.CreateClient();

        using var callback = await SignInDriver.CompleteCallbackAsync(client, await SignInDriver.StartSignInAsync(client));

        await AssertFriendlyFailureAsync(client, callback, "unavailable", HttpStatusCode.ServiceUnavailable, "Heroku is not answering");
    }

    [Fact]
    public async Task The_account_never_answering_at_sign_in_ends_on_a_friendly_page_in_bounded_time()
    {
        _factory.Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _factory.Heroku.Slow(HttpMethod.Get, AccountEndpoint);
        var client = _factory.CreateClient();
        var authorize = await SignInDriver.StartSignInAsync(client);

        var answer = SignInDriver.CompleteCallbackAsync(client, authorize);
        var waited = await _factory.AdvanceWhileHerokuHangsAsync(answer);
        using var callback = await answer;

        Assert.InRange(waited, TimeSpan.Zero, HerokuAppFactory.TotalTimeout);
        await AssertFriendlyFailureAsync(client, callback, "unavailable", HttpStatusCode.ServiceUnavailable, "Heroku is not answering");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?reason=")]
    [InlineData("?reason=made-up")]
    public async Task A_failure_page_reached_by_a_hand_made_link_says_the_link_is_not_valid(string query)
    {
        using var page = await _factory.CreateClient().GetAsync($"/auth/heroku/failed{query}");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("sign-in link is not valid", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task AssertFriendlyFailureAsync(HttpClient client, HttpResponseMessage callback, string reason, HttpStatusCode status, string title)
    {
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal($"/auth/heroku/failed?reason={reason}", callback.Headers.Location?.OriginalString);

        using var page = await client.GetAsync(callback.Headers.Location);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(status, page.StatusCode);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(">Sign in with Heroku</button>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Markup, html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }
}
