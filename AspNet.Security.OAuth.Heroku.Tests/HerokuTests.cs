using System.Net;
using AspNet.Security.OAuth.Heroku.Infrastructure;
using Microsoft.AspNetCore.Http;
using static AspNet.Security.OAuth.Heroku.HerokuAuthenticationConstants;

namespace AspNet.Security.OAuth.Heroku;

/// <summary>The provider signing in against a fake Heroku, the way aspnet-contrib tests each of its providers.</summary>
public sealed class HerokuTests
{
    [Theory]
    [InlineData(ClaimTypes.NameIdentifier, "01234567-89ab-cdef-0123-456789abcdef")]
    [InlineData(ClaimTypes.Email, "ada@example.com")]
    [InlineData(ClaimTypes.Name, "Ada Lovelace")]
    [InlineData(Claims.Verified, "True")]
    [InlineData(Claims.TwoFactorAuthentication, "True")]
    [InlineData(Claims.Federated, "False")]
    [InlineData(Claims.CreatedAt, "2015-03-01T12:00:00Z")]
    [InlineData(Claims.LastLogin, "2026-11-28T09:30:00Z")]
    public async Task Can_sign_in_using_Heroku(string claimType, string claimValue)
    {
        await using var app = await HerokuTestApp.StartAsync();

        var claims = await app.SignInAsync();

        var claim = Assert.Single(claims, c => c.Type == claimType);
        if (DateTimeOffset.TryParse(claimValue, System.Globalization.CultureInfo.InvariantCulture, out var expected))
        {
            Assert.Equal(expected, DateTimeOffset.Parse(claim.Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            Assert.Equal(claimValue, claim.Value);
        }

        Assert.Equal("Heroku", claim.Issuer);
    }

    [Fact]
    public async Task An_account_whose_name_is_null_signs_in_without_a_name_claim()
    {
        var heroku = new FakeHeroku { Account = (HttpStatusCode.OK, """{"id":"01234567-89ab-cdef-0123-456789abcdef","email":"ada@example.com","name":null}""") };
        await using var app = await HerokuTestApp.StartAsync(heroku: heroku);

        var claims = await app.SignInAsync();

        Assert.DoesNotContain(claims, c => c.Type == ClaimTypes.Name);
        Assert.Contains(claims, c => c.Type == ClaimTypes.Email && c.Value == "ada@example.com");
    }

    [Fact]
    public async Task The_account_is_read_with_the_Platform_API_v3_media_type_and_the_new_access_token()
    {
        await using var app = await HerokuTestApp.StartAsync();

        await app.SignInAsync();

        var account = Assert.Single(app.Heroku.Requests, r => r.Method == HttpMethod.Get);
        Assert.Equal("https://api.heroku.com/account", account.Uri.AbsoluteUri);
        Assert.Equal("application/vnd.heroku+json; version=3", account.Accept);
        Assert.Equal("Bearer", account.Authorization?.Scheme);
        Assert.Equal(FakeHeroku.AccessToken, account.Authorization?.Parameter);
    }

    [Fact]
    public async Task The_code_is_exchanged_at_Herokus_token_endpoint_with_the_client_secret()
    {
        await using var app = await HerokuTestApp.StartAsync();

        await app.SignInAsync();

        var exchange = Assert.Single(app.Heroku.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal("https://id.heroku.com/oauth/token", exchange.Uri.AbsoluteUri);
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(exchange.Body);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal(HerokuTestApp.Code, form["code"]);
        Assert.Equal("my-client-secret", form["client_secret"]);
        Assert.False(form.ContainsKey("code_verifier"));
    }

    [Fact]
    public async Task A_challenge_sends_the_browser_to_Heroku_with_the_client_id_the_identity_scope_and_a_state()
    {
        await using var app = await HerokuTestApp.StartAsync();

        var challenge = await app.ChallengeAsync();

        Assert.Equal("https://id.heroku.com/oauth/authorize", challenge.Location.GetLeftPart(UriPartial.Path));
        Assert.Equal("my-client-id", challenge.Query["client_id"]);
        Assert.Equal("code", challenge.Query["response_type"]);
        Assert.Equal("identity", challenge.Query["scope"]);
        Assert.False(string.IsNullOrEmpty(challenge.Query["state"]));
        Assert.False(challenge.Query.ContainsKey("code_challenge"));
    }

    [Fact]
    public async Task The_scopes_the_app_asks_for_are_sent_space_separated()
    {
        await using var app = await HerokuTestApp.StartAsync(options => options.Scope.Add(Scopes.Read));

        var challenge = await app.ChallengeAsync();

        Assert.Equal("identity read", challenge.Query["scope"]);
    }

    [Fact]
    public async Task OnCreatingTicket_is_raised_with_the_account_Heroku_answered()
    {
        string? email = null;
        await using var app = await HerokuTestApp.StartAsync(options => options.Events.OnCreatingTicket = context =>
        {
            email = context.User.GetProperty("email").GetString();
            return Task.CompletedTask;
        });

        await app.SignInAsync();

        Assert.Equal("ada@example.com", email);
    }

    [Fact]
    public async Task A_declined_consent_which_Heroku_sends_back_without_state_is_an_access_denial_not_a_forged_callback()
    {
        await using var app = await HerokuTestApp.StartAsync();

        using var callback = await app.CallbackAsync(await app.ChallengeAsync(), "error=access_denied");

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        var failure = Assert.IsType<HerokuAuthenticationFailureException>(Assert.Single(app.Failures));
        Assert.Equal(HerokuCallbackFailure.AccessDenied, failure.Failure);
        Assert.Equal("access_denied", failure.Error);
        Assert.Empty(app.Heroku.Requests);
    }

    [Fact]
    public async Task A_declined_consent_without_state_goes_to_the_access_denied_path_and_raises_OnAccessDenied()
    {
        var raised = false;
        await using var app = await HerokuTestApp.StartAsync(options =>
        {
            options.AccessDeniedPath = "/declined";
            options.Events.OnAccessDenied = _ =>
            {
                raised = true;
                return Task.CompletedTask;
            };
        });

        using var callback = await app.CallbackAsync(await app.ChallengeAsync(), "error=access_denied&error_description=The+user+denied");

        Assert.True(raised);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/declined", callback.Headers.Location?.GetLeftPart(UriPartial.Path).Replace("http://localhost", string.Empty, StringComparison.Ordinal) ?? callback.Headers.Location?.OriginalString);
        Assert.Empty(app.Failures);
    }

    [Fact]
    public async Task A_declined_consent_with_a_valid_state_is_an_access_denial_too()
    {
        await using var app = await HerokuTestApp.StartAsync();
        var challenge = await app.ChallengeAsync();

        using var callback = await app.CallbackAsync(challenge, $"error=access_denied&state={Uri.EscapeDataString(challenge.Query["state"])}");

        var failure = Assert.IsType<HerokuAuthenticationFailureException>(Assert.Single(app.Failures));
        Assert.Equal(HerokuCallbackFailure.AccessDenied, failure.Failure);
    }

    [Theory]
    [InlineData("error=server_error", "server_error")]
    [InlineData("error=temporarily_unavailable&error_description=Try+again", "temporarily_unavailable")]
    [InlineData("error=invalid_scope&state=forged", "invalid_scope")]
    public async Task An_error_Heroku_answers_instead_of_a_code_is_a_remote_error_carrying_Herokus_error(string query, string error)
    {
        await using var app = await HerokuTestApp.StartAsync();

        using var callback = await app.CallbackAsync(await app.ChallengeAsync(), query);

        var failure = Assert.IsType<HerokuAuthenticationFailureException>(Assert.Single(app.Failures));
        Assert.Equal(HerokuCallbackFailure.RemoteError, failure.Failure);
        Assert.Equal(error, failure.Error);
        Assert.Empty(app.Heroku.Requests);
    }

    [Fact]
    public async Task An_error_Heroku_answers_with_a_valid_state_is_a_remote_error()
    {
        await using var app = await HerokuTestApp.StartAsync();
        var challenge = await app.ChallengeAsync();

        using var callback = await app.CallbackAsync(challenge, $"error=server_error&state={Uri.EscapeDataString(challenge.Query["state"])}");

        var failure = Assert.IsType<HerokuAuthenticationFailureException>(Assert.Single(app.Failures));
        Assert.Equal(HerokuCallbackFailure.RemoteError, failure.Failure);
        Assert.Equal("server_error", failure.Error);
    }

    [Theory]
    [InlineData("code=abc")]
    [InlineData("code=abc&state=forged")]
    public async Task A_code_without_a_state_this_app_issued_is_an_invalid_state(string query)
    {
        await using var app = await HerokuTestApp.StartAsync();

        using var callback = await app.CallbackAsync(await app.ChallengeAsync(), query);

        Assert.Equal(HerokuCallbackFailure.InvalidState, Assert.IsType<HerokuAuthenticationFailureException>(Assert.Single(app.Failures)).Failure);
        Assert.Empty(app.Heroku.Requests);
    }

    [Fact]
    public async Task A_valid_state_without_a_code_is_a_missing_code()
    {
        await using var app = await HerokuTestApp.StartAsync();
        var challenge = await app.ChallengeAsync();

        using var callback = await app.CallbackAsync(challenge, $"state={Uri.EscapeDataString(challenge.Query["state"])}");

        Assert.Equal(HerokuCallbackFailure.MissingCode, Assert.IsType<HerokuAuthenticationFailureException>(Assert.Single(app.Failures)).Failure);
        Assert.Empty(app.Heroku.Requests);
    }

    [Fact]
    public async Task A_callback_in_another_browser_than_the_one_challenged_is_a_correlation_failure()
    {
        await using var app = await HerokuTestApp.StartAsync();
        var challenge = await app.ChallengeAsync();

        using var callback = await app.ConsentedCallbackAsync(challenge with { Cookies = string.Empty }, "abc");

        Assert.Equal(HerokuCallbackFailure.CorrelationFailed, Assert.IsType<HerokuAuthenticationFailureException>(Assert.Single(app.Failures)).Failure);
        Assert.Empty(app.Heroku.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task A_token_endpoint_refusing_the_code_is_a_token_endpoint_failure_carrying_Herokus_status(HttpStatusCode status)
    {
        var heroku = new FakeHeroku { Tokens = (status, """{"id":"unauthorized","message":"Invalid credentials provided."}""") };
        await using var app = await HerokuTestApp.StartAsync(heroku: heroku);
        var challenge = await app.ChallengeAsync();

        using var callback = await app.ConsentedCallbackAsync(challenge, "abc");

        var failure = Assert.IsType<HerokuAuthenticationFailureException>(Assert.Single(app.Failures));
        Assert.Equal(HerokuCallbackFailure.TokenEndpoint, failure.Failure);
        Assert.Equal(status, failure.StatusCode);
        Assert.DoesNotContain(app.Heroku.Requests, r => r.Method == HttpMethod.Get);
    }

    [Fact]
    public async Task A_token_endpoint_answering_an_OAuth_error_is_a_token_endpoint_failure_carrying_the_error()
    {
        var heroku = new FakeHeroku { Tokens = (HttpStatusCode.OK, """{"error":"invalid_grant","error_description":"The code has expired."}""") };
        await using var app = await HerokuTestApp.StartAsync(heroku: heroku);
        var challenge = await app.ChallengeAsync();

        using var callback = await app.ConsentedCallbackAsync(challenge, "abc");

        var failure = Assert.IsType<HerokuAuthenticationFailureException>(Assert.Single(app.Failures));
        Assert.Equal(HerokuCallbackFailure.TokenEndpoint, failure.Failure);
        Assert.Equal("invalid_grant", failure.Error);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task The_account_endpoint_refusing_the_new_token_is_a_failure_carrying_Herokus_status(HttpStatusCode status)
    {
        var heroku = new FakeHeroku { Account = (status, """{"id":"unauthorized","message":"Invalid credentials provided."}""") };
        await using var app = await HerokuTestApp.StartAsync(heroku: heroku);
        var challenge = await app.ChallengeAsync();

        using var callback = await app.ConsentedCallbackAsync(challenge, "abc");

        Assert.Equal(HttpStatusCode.BadRequest, callback.StatusCode);
        Assert.False(callback.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".AspNetCore.External=", StringComparison.Ordinal)));
        var failure = Assert.IsType<HerokuAuthenticationFailureException>(Assert.Single(app.Failures));
        Assert.Equal(HerokuCallbackFailure.UserInformationEndpoint, failure.Failure);
        Assert.Equal(status, failure.StatusCode);
    }

    [Fact]
    public async Task A_failure_is_an_AuthenticationFailureException_as_for_any_remote_scheme()
    {
        await using var app = await HerokuTestApp.StartAsync();

        using var callback = await app.CallbackAsync(await app.ChallengeAsync(), "code=abc");

        Assert.IsAssignableFrom<AuthenticationFailureException>(Assert.Single(app.Failures));
        Assert.Equal(StatusCodes.Status400BadRequest, (int)callback.StatusCode);
    }
}
