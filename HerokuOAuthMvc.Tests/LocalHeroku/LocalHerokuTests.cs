using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.LocalHeroku;
using HerokuOAuthMvc.Tests.Infrastructure;
using static HerokuOAuthMvc.LocalHeroku.LocalHerokuBackchannelHandler;
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

        Assert.NotNull(factory.StartupFailure());
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

#if (appsPage)
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
    public async Task The_apps_launch_profile_runs_the_stand_in_with_a_scope_that_serves_the_apps_page_and_the_default_profile_does_not()
    {
        var root = Screenshots.RepositoryRoot();
        using var launchSettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "HerokuOAuthMvc", "Properties", "launchSettings.json")));
        var profiles = launchSettings.RootElement.GetProperty("profiles");
        var variables = profiles.GetProperty("apps").GetProperty("environmentVariables").EnumerateObject()
            .ToDictionary(variable => variable.Name, variable => variable.Value.GetString(), StringComparer.Ordinal);
        Assert.Equal("Development", variables["ASPNETCORE_ENVIRONMENT"]);
        Assert.False(profiles.EnumerateObject().First().Value.GetProperty("environmentVariables").TryGetProperty("Heroku__Scope", out _));

        using var factory = new HerokuAppFactory { Environment = "Development", UseFakeHeroku = false }.With("Heroku:ClientId", null).With("Heroku:ClientSecret", null);
        foreach (var (name, value) in variables.Where(variable => variable.Key != "ASPNETCORE_ENVIRONMENT"))
        {
            factory.With(name.Replace("__", ":", StringComparison.Ordinal), value);
        }

        var client = factory.CreateClient();
        await SignInThroughStandInAsync(client);
        using var apps = await client.GetAsync("/apps");

        Assert.Equal(HttpStatusCode.OK, apps.StatusCode);
        Assert.Contains(">sample-web</a>", await apps.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

#endif
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
#if (appsPage)
    [InlineData("identity", "apps", HttpStatusCode.Forbidden)]
    [InlineData("identity read", "apps", HttpStatusCode.OK)]
#endif
    [InlineData("read", "account", HttpStatusCode.Forbidden)]
    [InlineData("identity write-protected", "oauth/authorizations", HttpStatusCode.Forbidden)]
    [InlineData("global", "oauth/authorizations", HttpStatusCode.OK)]
#if (appsPage)
    [InlineData("global", "apps", HttpStatusCode.OK)]
#endif
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
        var (standIn, logs, token) = StandInHandler("global");

        using var answer = await standIn.SendAsync(WithToken(HttpMethod.Get, "addons", token));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        var error = await answer.Content.ReadFromJsonAsync<HerokuError>();
        Assert.Equal("not_found", error!.Id);
        Assert.Equal("The local Heroku stand-in does not serve GET /addons. Add one line for it to the Platform API table in LocalHeroku/LocalHerokuBackchannelHandler.cs (docs/extending.md).", error.Message);
        var line = Assert.Single(logs.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("The local Heroku stand-in does not serve GET /addons, so it answered 404: add one line for it to the Platform API table in LocalHeroku/LocalHerokuBackchannelHandler.cs (docs/extending.md).", line.Message);
    }

    [Fact]
    public async Task One_line_for_a_nested_path_serves_every_sample_app_and_hands_its_answer_the_app()
    {
        // The line a forker adds to the table, as docs/extending.md shows it.
        LocalHerokuBackchannelHandler.PlatformEndpoint[] added =
        [
            new(HttpMethod.Get, "/apps/{app}/dynos", HerokuScopes.Read, path => Json(HttpStatusCode.OK, new[]
            {
                new { name = "web.1", type = "web", state = "up", size = "Basic", app = new { name = path["app"] } },
            })),
        ];
        var (standIn, logs, token) = StandInHandler("identity read", added);

        foreach (var app in LocalHerokuBackchannelHandler.SampleApps)
        {
            using var answer = await standIn.SendAsync(WithToken(HttpMethod.Get, $"apps/{app.Name}/dynos", token));

            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Contains($"\"app\":{{\"name\":\"{app.Name}\"}}", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var withoutToken = await standIn.GetAsync("apps/sample-web/dynos");
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Empty(logs.Lines);
    }

    [Fact]
    public async Task A_served_path_whose_app_is_no_sample_is_Herokus_404_not_found_and_the_answer_and_log_say_so_instead_of_asking_for_a_line()
    {
        var dynos = new LocalHerokuBackchannelHandler.PlatformEndpoint(HttpMethod.Get, "/apps/{app}/dynos", HerokuScopes.Read,
            _ => new HttpResponseMessage(HttpStatusCode.OK));
        var (standIn, logs, token) = StandInHandler("identity read", dynos);

        using var answer = await standIn.SendAsync(WithToken(HttpMethod.Get, "apps/no-such-app%0A/dynos", token));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        var error = await answer.Content.ReadFromJsonAsync<HerokuError>();
        Assert.Equal("not_found", error!.Id);
        Assert.Equal("Couldn't find that app. The local Heroku stand-in serves GET /apps/{app}/dynos, but has no sample app \"no-such-app\\u000A\": use one of its samples, or add one in LocalHeroku/LocalHerokuBackchannelHandler.cs.", error.Message);
        var line = Assert.Single(logs.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Equal("The local Heroku stand-in serves GET /apps/{app}/dynos, but has no sample app \"no-such-app\\u000A\", so it answered 404 not_found as Heroku would: use one of its samples, or add one in LocalHeroku/LocalHerokuBackchannelHandler.cs.", line.Message);
        Assert.DoesNotContain("Add one line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_an_authorization_that_does_not_exist_is_a_404_that_says_the_path_is_served()
    {
        var (standIn, logs, token) = StandInHandler("global");

        using var answer = await standIn.SendAsync(WithToken(HttpMethod.Delete, "oauth/authorizations/no-such-authorization", token));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.StartsWith("Couldn't find that authorization. The local Heroku stand-in serves DELETE /oauth/authorizations/{authorization}, but has no sample authorization",
            (await answer.Content.ReadFromJsonAsync<HerokuError>())!.Message, StringComparison.Ordinal);
        Assert.Contains("serves DELETE /oauth/authorizations/{authorization}", Assert.Single(logs.Lines).Message, StringComparison.Ordinal);
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

    /// <summary>The stand-in's back channel on its own, with the table's lines and <paramref name="added"/>, and a token granting <paramref name="scope"/>.</summary>
    private static (HttpClient StandIn, RecordedLogs Logs, string AccessToken) StandInHandler(string scope, params LocalHerokuBackchannelHandler.PlatformEndpoint[] added)
    {
        var issuer = new LocalHerokuIssuer(TimeProvider.System);
        var tokens = issuer.RedeemCode(issuer.IssueCode(scope))!;
        var logs = new RecordedLogs();
        var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var handler = new LocalHerokuBackchannelHandler(issuer, loggerFactory.CreateLogger<LocalHerokuBackchannelHandler>(), added);
        return (new HttpClient(handler) { BaseAddress = LocalHerokuBackchannelHandler.BaseAddress }, logs, tokens.AccessToken);
    }

    private static HttpRequestMessage WithToken(HttpMethod method, string path, string accessToken) =>
        new(method, path) { Headers = { Authorization = new("Bearer", accessToken) } };

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
