using System.Net;
using System.Net.Http.Json;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.LocalHeroku;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HerokuOAuthMvc.Tests.LocalHeroku;

public sealed class LocalHerokuTests
{
    [Fact]
    public async Task Production_never_serves_the_stand_in_even_when_asked_for_it()
    {
        using var factory = new HerokuAppFactory();
        var client = factory.CreateClient();

        using var response = await client.GetAsync($"{LocalHerokuMode.AuthorizePath}?client_id={LocalHerokuIssuer.ClientId}&response_type=code");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(factory.Services.GetRequiredService<LocalHerokuMode>().IsEnabled);
        Assert.DoesNotContain("simulated", await client.GetStringAsync("/"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Production_without_a_client_fails_at_boot_instead_of_simulating()
    {
        using var factory = new HerokuAppFactory().With("Heroku:ClientId", null).With("Heroku:ClientSecret", null);

        Assert.ThrowsAny<Exception>(() => factory.CreateClient());
    }

    [Fact]
    public void Development_with_a_client_talks_to_the_configured_Heroku()
    {
        using var factory = new HerokuAppFactory { Environment = "Development" };
        factory.CreateClient();

        Assert.False(factory.Services.GetRequiredService<LocalHerokuMode>().IsEnabled);
    }

    [Fact]
    public async Task Development_without_a_client_signs_in_through_the_stand_in_and_says_so()
    {
        using var factory = new HerokuAppFactory { Environment = "Development", UseFakeHeroku = false }.With("Heroku:ClientId", null).With("Heroku:ClientSecret", null);
        var client = factory.CreateClient();

        var authorize = await SignInDriver.StartSignInAsync(client);
        Assert.Equal(LocalHerokuMode.AuthorizePath, authorize.AbsolutePath);

        var consent = await client.GetStringAsync(authorize.PathAndQuery);
        Assert.Contains("Local stand-in for id.heroku.com", consent, StringComparison.Ordinal);
        Assert.Contains("Sign-in is simulated", consent, StringComparison.Ordinal);

        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query)["state"].ToString();
        using var allow = await SignInDriver.PostFormAsync(client, LocalHerokuMode.AuthorizePath, new Dictionary<string, string>
        {
            ["state"] = state,
            ["decision"] = "allow",
        });
        using var callback = await client.GetAsync(allow.Headers.Location);
        var greeting = await client.GetStringAsync(callback.Headers.Location);

        Assert.Contains("Hello, developer@example.com", greeting, StringComparison.Ordinal);
        Assert.Empty(factory.Heroku.Requests);
    }

    [Fact]
    public async Task The_stand_in_refuses_a_request_not_from_the_apps_button_with_the_friendly_page_and_a_request_id()
    {
        using var factory = new HerokuAppFactory { Environment = "Development", UseFakeHeroku = false }.With("Heroku:ClientId", null).With("Heroku:ClientSecret", null);
        var client = factory.CreateClient();

        using var response = await client.GetAsync($"{LocalHerokuMode.AuthorizePath}?client_id=someone-else&response_type=code");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Invalid OAuth request", html, StringComparison.Ordinal);
        Assert.Contains("mention request id <code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_scope_that_can_read_apps_the_stand_in_serves_the_apps_page()
    {
        using var factory = StandIn("identity read");
        var client = factory.CreateClient();
        await SignInThroughStandInAsync(client);

        using var apps = await client.GetAsync("/apps");
        var html = await apps.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, apps.StatusCode);
        Assert.Contains("href=\"https://sample-web-0123456789ab.herokuapp.com/\">sample-web</a>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"text-break\">sample-worker</span>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/apps\">Your apps</a>", await client.GetStringAsync("/user"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_identity_scope_the_apps_page_does_not_exist_in_Development_either()
    {
        using var factory = StandIn("identity");
        var client = factory.CreateClient();
        await SignInThroughStandInAsync(client);

        using var apps = await client.GetAsync("/apps");

        Assert.Equal(HttpStatusCode.NotFound, apps.StatusCode);
    }

    [Theory]
    [InlineData("identity", "account", HttpStatusCode.OK)]
    [InlineData("identity", "apps", HttpStatusCode.Forbidden)]
    [InlineData("identity read", "apps", HttpStatusCode.OK)]
    [InlineData("read", "account", HttpStatusCode.Forbidden)]
    [InlineData("identity write-protected", "oauth/authorizations", HttpStatusCode.Forbidden)]
    [InlineData("global", "oauth/authorizations", HttpStatusCode.OK)]
    [InlineData("global", "apps", HttpStatusCode.OK)]
    public async Task The_stand_in_checks_the_token_and_honours_the_scope_as_Heroku_does(string scope, string path, HttpStatusCode expected)
    {
        var issuer = new LocalHerokuIssuer(TimeProvider.System);
        var tokens = issuer.RedeemCode(issuer.IssueCode(scope))!;
        using var standIn = new HttpClient(new LocalHerokuBackchannelHandler(issuer, NullLogger<LocalHerokuBackchannelHandler>.Instance)) { BaseAddress = LocalHerokuBackchannelHandler.BaseAddress };

        using var withToken = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", tokens.AccessToken) } };
        using var answer = await standIn.SendAsync(withToken);
        using var withoutToken = await standIn.GetAsync(path);

        Assert.Equal(expected, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
    }

    [Fact]
    public async Task An_endpoint_the_stand_in_does_not_serve_is_a_404_that_names_it_and_where_to_add_it_and_says_so_in_the_log()
    {
        var issuer = new LocalHerokuIssuer(TimeProvider.System);
        var tokens = issuer.RedeemCode(issuer.IssueCode("global"))!;
        using var logs = new RecordedLogs();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        using var standIn = new HttpClient(new LocalHerokuBackchannelHandler(issuer, loggerFactory.CreateLogger<LocalHerokuBackchannelHandler>()))
        {
            BaseAddress = LocalHerokuBackchannelHandler.BaseAddress,
        };

        using var request = new HttpRequestMessage(HttpMethod.Get, "addons") { Headers = { Authorization = new("Bearer", tokens.AccessToken) } };
        using var answer = await standIn.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        var error = await answer.Content.ReadFromJsonAsync<HerokuError>();
        Assert.Equal("not_found", error!.Id);
        Assert.Equal("The local Heroku stand-in does not serve GET /addons. Add one line for it to the Platform API table in LocalHeroku/LocalHerokuBackchannelHandler.cs (README, \"Extending the app\").", error.Message);
        var line = Assert.Single(logs.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("The local Heroku stand-in does not serve GET /addons, so it answered 404: add one line for it to the Platform API table in LocalHeroku/LocalHerokuBackchannelHandler.cs (README, \"Extending the app\").", line.Message);
    }

    [Fact]
    public async Task With_the_global_scope_signing_out_revokes_the_sessions_own_authorization_at_the_stand_in_and_keeps_the_default_key()
    {
        using var factory = StandIn("global");
        var client = factory.CreateClient();
        await SignInThroughStandInAsync(client);
        var issuer = factory.Services.GetRequiredService<LocalHerokuIssuer>();
        Assert.Equal(2, issuer.Authorizations().Count);

        using var signOut = await SignInDriver.PostFormAsync(client, "/auth/signout");

        Assert.Equal(issuer.DefaultApiKey, Assert.Single(issuer.Authorizations()));
    }

    [Fact]
    public async Task The_stand_in_answers_only_the_clients_that_talk_to_Heroku_never_another_HttpClient()
    {
        await using var elsewhere = await FakeHerokuServer.StartAsync();
        using var factory = StandIn("identity");
        factory.CreateClient();
        var otherApi = factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient("a-forkers-weather-api");

        using var request = new HttpRequestMessage(HttpMethod.Get, elsewhere.ApiBaseAddress + "account")
        {
            Headers = { Authorization = new("Bearer", FakeHeroku.AccessToken), Accept = { System.Net.Http.Headers.MediaTypeWithQualityHeaderValue.Parse("application/vnd.heroku+json; version=3") } },
        };
        using var answer = await otherApi.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Ada Lovelace", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, elsewhere.Heroku.CountOf(HttpMethod.Get, FakeHeroku.ApiBase + "account"));
    }

    private static HerokuAppFactory StandIn(string scope) =>
        new HerokuAppFactory { Environment = "Development", UseFakeHeroku = false }
            .With("Heroku:ClientId", null).With("Heroku:ClientSecret", null).With("Heroku:Scope", scope);

    /// <summary>Presses Sign in with Heroku, then Allow on the stand-in's consent page, and follows the redirects to the greeting.</summary>
    private static async Task SignInThroughStandInAsync(HttpClient client)
    {
        var authorize = await SignInDriver.StartSignInAsync(client);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query);
        using var allow = await SignInDriver.PostFormAsync(client, LocalHerokuMode.AuthorizePath, new Dictionary<string, string>
        {
            ["state"] = query["state"].ToString(),
            ["scope"] = query["scope"].ToString(),
            ["decision"] = "allow",
        });
        using var callback = await client.GetAsync(allow.Headers.Location);
        Assert.Equal("/user", callback.Headers.Location?.OriginalString);
    }
}
