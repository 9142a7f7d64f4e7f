using System.Net;
using HerokuOAuthMvc.Authentication;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HerokuOAuthMvc.Tests.Authentication;

/// <summary>The session after sign-in, through the whole app: the kept account, token refresh, Heroku failing, sign-out.</summary>
public sealed class HerokuSessionTests : IDisposable
{
    private const string AccountEndpoint = FakeHeroku.ApiBase + "account";

    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(28799);

    private readonly HerokuAppFactory _factory = new() { Time = new FakeTimeProvider(DateTimeOffset.UtcNow) };

    public void Dispose() => _factory.Dispose();

    private FakeHeroku Heroku => _factory.Heroku;

    private FakeTimeProvider Time => _factory.Time!;

    private async Task<HttpClient> SignedInClientAsync(string? scope = null)
    {
        if (scope is not null)
        {
            _factory.With("Heroku:Scope", scope);
            Heroku.GrantedScope = scope;
        }

        var client = _factory.CreateClient();
        await SignInDriver.SignInAsync(client);
        return client;
    }


    private int RefreshRequests => Heroku.Requests.Count(r => r.Method == HttpMethod.Post && r.Form.GetValueOrDefault("grant_type") == "refresh_token");

    [Fact]
    public async Task Fifty_loads_of_the_user_page_cost_no_account_call_beyond_the_sign_in()
    {
        var client = await SignedInClientAsync();

        for (var i = 0; i < 50; i++)
        {
            using var page = await client.GetAsync("/user");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        Assert.Equal(1, Heroku.CountOf(HttpMethod.Get, AccountEndpoint));
        Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task Refresh_fetches_the_account_again_and_the_page_shows_it_from_then_on()
    {
        var client = await SignedInClientAsync();
        Heroku.WithAccount(new { id = "5b3b8e36-0a0b-4c1d-9e52-8b7a2d1c0f11", email = "user@example.com", name = "Ada King", verified = true });

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        Assert.Equal("/user", refresh.Headers.Location?.OriginalString);
        Assert.Contains("Hello, Ada King", await client.GetStringAsync("/user"), StringComparison.Ordinal);
        Assert.Equal(2, Heroku.CountOf(HttpMethod.Get, AccountEndpoint));
        Assert.Equal(0, RefreshRequests);
    }

    [Fact]
    public async Task An_access_token_about_to_expire_is_refreshed_before_calling_Heroku_and_kept_with_the_session()
    {
        var client = await SignedInClientAsync();
        Time.Advance(TokenLifetime - HerokuTokenRefresher.RefreshWindow + TimeSpan.FromSeconds(1));

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        var grant = Assert.Single(Heroku.Requests, r => r.Form.GetValueOrDefault("grant_type") == "refresh_token");
        Assert.Equal(FakeHeroku.RefreshToken, grant.Form["refresh_token"]);
        Assert.Equal(FakeHeroku.ClientSecret, grant.Form["client_secret"]);
        Assert.Equal($"Bearer {FakeHeroku.RefreshedAccessToken}", Heroku.Requests.Last(r => r.Uri.AbsoluteUri == AccountEndpoint).Authorization);

        // The renewed cookie carries the new token: the next call neither refreshes nor uses the old one.
        using var again = await SignInDriver.PostFormAsync(client, "/user/refresh");
        Assert.Equal(1, RefreshRequests);
        Assert.Equal($"Bearer {FakeHeroku.RefreshedAccessToken}", Heroku.Requests.Last(r => r.Uri.AbsoluteUri == AccountEndpoint).Authorization);
    }

    [Fact]
    public async Task A_token_with_time_left_is_not_refreshed()
    {
        var client = await SignedInClientAsync();
        Time.Advance(TokenLifetime - HerokuTokenRefresher.RefreshWindow - TimeSpan.FromMinutes(1));

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        Assert.Equal(0, RefreshRequests);
    }

    [Fact]
    public async Task The_session_outlives_several_tokens_and_keeps_its_refresh_token_when_Heroku_sends_none()
    {
        Heroku.WithTokenEndpoint(refreshStatus: HttpStatusCode.Created, returnsRefreshToken: false);
        var client = await SignedInClientAsync();

        for (var day = 0; day < 3; day++)
        {
            Time.Advance(TokenLifetime);
            using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");
            Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        }

        Assert.Equal(3, RefreshRequests);
        Assert.All(Heroku.Requests.Where(r => r.Form.GetValueOrDefault("grant_type") == "refresh_token"), r => Assert.Equal(FakeHeroku.RefreshToken, r.Form["refresh_token"]));
    }

    [Fact]
    public async Task Concurrent_requests_of_one_session_refresh_the_token_once()
    {
        var client = await SignedInClientAsync();
        Time.Advance(TokenLifetime);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => SignInDriver.PostFormAsync(client, "/user/refresh")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, RefreshRequests);
        Assert.Equal(11, Heroku.CountOf(HttpMethod.Get, AccountEndpoint));
    }

    [Fact]
    public async Task A_refresh_token_Heroku_refuses_signs_the_person_out_with_a_message()
    {
        var client = await SignedInClientAsync();
        Heroku.On(HttpMethod.Post, FakeHeroku.TokenEndpoint, _ => FakeHeroku.Json(HttpStatusCode.BadRequest, new { id = "invalid_grant", message = "Invalid grant." }));
        Time.Advance(TokenLifetime);

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        await AssertSignedOutWithMessageAsync(client, refresh);
        Assert.Equal(1, Heroku.CountOf(HttpMethod.Get, AccountEndpoint));
    }

    [Fact]
    public async Task With_the_token_endpoint_down_a_token_that_still_works_is_used()
    {
        var client = await SignedInClientAsync();
        Heroku.Failing(HttpMethod.Post, FakeHeroku.TokenEndpoint, HttpStatusCode.ServiceUnavailable);
        Time.Advance(TokenLifetime - TimeSpan.FromMinutes(1));

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        Assert.Equal($"Bearer {FakeHeroku.AccessToken}", Heroku.Requests.Last(r => r.Uri.AbsoluteUri == AccountEndpoint).Authorization);
    }

    [Fact]
    public async Task With_the_token_endpoint_down_and_the_token_expired_the_kept_account_is_shown_with_an_apology()
    {
        var client = await SignedInClientAsync();
        Heroku.Refused(HttpMethod.Post, FakeHeroku.TokenEndpoint);
        Time.Advance(TokenLifetime);

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refresh.StatusCode);
        var html = await refresh.Content.ReadAsStringAsync();
        Assert.Contains("Heroku is not answering", html, StringComparison.Ordinal);
        Assert.Contains("Hello, Ada Lovelace", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/user")).StatusCode);
    }

    [Fact]
    public async Task Heroku_answering_401_signs_the_person_out_with_a_message()
    {
        var client = await SignedInClientAsync();
        Heroku.Failing(HttpMethod.Get, AccountEndpoint, HttpStatusCode.Unauthorized);

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        await AssertSignedOutWithMessageAsync(client, refresh);
    }

    [Fact]
    public async Task Heroku_rate_limiting_shows_the_kept_account_and_says_to_wait_a_minute()
    {
        var client = await SignedInClientAsync();
        Heroku.Failing(HttpMethod.Get, AccountEndpoint, HttpStatusCode.TooManyRequests);

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        Assert.Equal(HttpStatusCode.TooManyRequests, refresh.StatusCode);
        var html = await refresh.Content.ReadAsStringAsync();
        Assert.Contains("Heroku is rate limiting", html, StringComparison.Ordinal);
        Assert.Contains("Try again in a minute", html, StringComparison.Ordinal);
        Assert.Contains("Hello, Ada Lovelace", html, StringComparison.Ordinal);
        Assert.Equal(2, Heroku.CountOf(HttpMethod.Get, AccountEndpoint));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Heroku_failing_is_retried_a_bounded_number_of_times_then_the_kept_account_is_shown(HttpStatusCode status)
    {
        var client = await SignedInClientAsync();
        Heroku.Failing(HttpMethod.Get, AccountEndpoint, status);

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        await AssertFriendlyUnavailableAsync(refresh);
        Assert.Equal(1 + 3, Heroku.CountOf(HttpMethod.Get, AccountEndpoint));
    }

    [Fact]
    public async Task A_refused_connection_is_retried_then_the_kept_account_is_shown()
    {
        var client = await SignedInClientAsync();
        Heroku.Refused(HttpMethod.Get, AccountEndpoint);

        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");

        await AssertFriendlyUnavailableAsync(refresh);
        Assert.Equal(1 + 3, Heroku.CountOf(HttpMethod.Get, AccountEndpoint));
    }

    [Fact]
    public async Task A_Heroku_that_never_answers_is_given_up_on_within_the_configured_time()
    {
        var client = await SignedInClientAsync();
        Heroku.Slow(HttpMethod.Get, AccountEndpoint);

        var refresh = client.SendAsync(SignInDriver.FormPost(client, "/user/refresh"));
        var waited = await _factory.AdvanceWhileHerokuHangsAsync(refresh);

        await AssertFriendlyUnavailableAsync(await refresh);
        Assert.Equal(HerokuAppFactory.TotalTimeout, waited);
    }

    [Fact]
    public async Task With_the_global_scope_signing_out_ends_the_session_and_revokes_its_own_authorization_never_the_default_key()
    {
        var client = await SignedInClientAsync(scope: "global");

        using var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(1, Heroku.CountOf(HttpMethod.Get, FakeHeroku.AuthorizationsEndpoint));
        var revoke = Assert.Single(Heroku.Requests, r => r.Method == HttpMethod.Delete);
        Assert.Equal(FakeHeroku.RevocationEndpoint, revoke.Uri.AbsoluteUri);
        Assert.Equal($"Bearer {FakeHeroku.AccessToken}", revoke.Authorization);
        Assert.Equal(0, Heroku.CountOf(HttpMethod.Get, FakeHeroku.DefaultKeyEndpoint));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/user")).StatusCode);
        Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task Signing_out_forgets_a_refresh_still_shared_for_the_session()
    {
        var client = await SignedInClientAsync(scope: "global");
        Time.Advance(TokenLifetime);
        using var refresh = await SignInDriver.PostFormAsync(client, "/user/refresh");
        var refresher = _factory.Services.GetRequiredService<HerokuTokenRefresher>();
        Assert.Equal(1, refresher.PendingCount);

        using var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout");

        Assert.Equal(0, refresher.PendingCount);
        Assert.Equal($"Bearer {FakeHeroku.RefreshedAccessToken}", Assert.Single(Heroku.Requests, r => r.Method == HttpMethod.Delete).Authorization);
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("identity read")]
    [InlineData("identity write")]
    [InlineData("identity read-protected")]
    [InlineData("identity write-protected")]
    public async Task With_a_scope_that_cannot_list_authorizations_sign_out_makes_no_call_to_Heroku_and_says_so_once(string scope)
    {
        var first = await SignedInClientAsync(scope);
        var second = await SignedInClientAsync(scope);
        var beforeSignOut = Heroku.Requests.Count;

        using var signOut = await SignInDriver.PostFormAsync(first, "/auth/signout");
        using var again = await SignInDriver.PostFormAsync(second, "/auth/signout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/?notice=signed-out", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/user")).StatusCode);
        Assert.Equal(beforeSignOut, Heroku.Requests.Count);
        var said = Assert.Single(_factory.Logs.Lines, line => line.Message.Contains("may not list the account's authorizations", StringComparison.Ordinal));
        Assert.Contains($"'{scope}'", said.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Signing_out_works_when_Heroku_does_not_allow_revocation(HttpStatusCode status)
    {
        var client = await SignedInClientAsync(scope: "global");
        Heroku.Failing(HttpMethod.Get, FakeHeroku.AuthorizationsEndpoint, status);

        using var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/?notice=signed-out", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/user")).StatusCode);
        Assert.DoesNotContain(Heroku.Requests, r => r.Method == HttpMethod.Delete);
    }

    [Fact]
    public async Task Signing_out_works_when_Heroku_cannot_be_reached()
    {
        var client = await SignedInClientAsync(scope: "global");
        Heroku.Refused(HttpMethod.Get, FakeHeroku.AuthorizationsEndpoint);

        using var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/user")).StatusCode);
    }

    [Fact]
    public async Task When_Heroku_lists_no_authorization_with_the_sessions_token_nothing_is_deleted()
    {
        var client = await SignedInClientAsync(scope: "global");
        Heroku.OnPlatformApi(HttpMethod.Get, "oauth/authorizations", "global", _ => FakeHeroku.Json(HttpStatusCode.OK, new object[]
        {
            new { id = FakeHeroku.DefaultApiKeyId, access_token = new { token = FakeHeroku.DefaultApiKey }, client = (object?)null },
            new { id = FakeHeroku.AuthorizationId, access_token = new { token = FakeHeroku.AccessToken }, client = (object?)null },
        }));

        using var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.DoesNotContain(Heroku.Requests, r => r.Method == HttpMethod.Delete);
    }

    [Fact]
    public async Task After_signing_out_the_sign_in_page_says_so_and_differs_from_a_first_visit()
    {
        var firstVisit = await _factory.CreateClient().GetStringAsync("/");
        var client = await SignedInClientAsync();

        using var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout");
        var page = await client.GetStringAsync(signOut.Headers.Location);

        Assert.Contains("You are signed out", page, StringComparison.Ordinal);
        Assert.Contains("Sign in with Heroku", page, StringComparison.Ordinal);
        Assert.DoesNotContain("You are signed out", firstVisit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_shows_only_its_own_notices()
    {
        var client = _factory.CreateClient();

        var known = await client.GetStringAsync("/?notice=session-ended");
        var unknown = await client.GetStringAsync("/?notice=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

        Assert.Contains("Your session has ended", known, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)", unknown, StringComparison.Ordinal);
    }

    private static async Task AssertSignedOutWithMessageAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/?notice=session-ended", response.Headers.Location?.OriginalString);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("Your session has ended", page, StringComparison.Ordinal);
        Assert.Contains("Sign in with Heroku", page, StringComparison.Ordinal);
        using var user = await client.GetAsync("/user");
        Assert.Equal(HttpStatusCode.Redirect, user.StatusCode);
    }

    private static async Task AssertFriendlyUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Heroku is not answering", html, StringComparison.Ordinal);
        Assert.Contains("Hello, Ada Lovelace", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }
}
