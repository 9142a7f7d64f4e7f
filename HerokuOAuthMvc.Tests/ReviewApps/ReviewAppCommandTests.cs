using System.Net;
using HerokuOAuthMvc.ReviewApps;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.ReviewApps;

/// <summary>The review-app command in process, against a strict fake Platform API served over HTTP on 127.0.0.1.</summary>
public sealed class ReviewAppCommandTests : IAsyncLifetime
{
    private static readonly string ClientName = $"HerokuOAuthMvc review app {FakePlatformApi.AppName}";

    private FakePlatformApi _platform = null!;
    private FakeHerokuServer _server = null!;
    private Dictionary<string, string?> _environment = null!;

    private FakeHeroku Heroku => _server.Heroku;

    public async Task InitializeAsync()
    {
        var heroku = new FakeHeroku();
        _platform = new FakePlatformApi(heroku);
        _server = await FakeHerokuServer.StartAsync(heroku);
        _environment = ReviewAppRun.ReviewAppSettings(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<ReviewAppRun> RunAsync(params string[] words)
    {
        var run = await ReviewAppRun.InProcessAsync(_environment, words);
        run.AssertNoSecrets(_platform);
        return run;
    }

    [Fact]
    public async Task Create_makes_one_client_for_the_callback_and_sets_both_config_vars()
    {
        var run = await RunAsync("create");

        Assert.Equal(0, run.ExitCode);
        var client = Assert.Single(_platform.Clients);
        Assert.Equal(ClientName, client.Name);
        Assert.Equal(FakePlatformApi.CallbackUrl, client.RedirectUri);
        Assert.Equal(client.Id, _platform.ConfigVars["HEROKU_OAUTH_ID"]);
        Assert.Equal(client.Secret, _platform.ConfigVars["HEROKU_OAUTH_SECRET"]);
        Assert.Contains(client.Id, run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
        Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task Create_run_again_makes_no_second_client_and_changes_nothing()
    {
        await RunAsync("create");
        var configVars = _platform.ConfigVars;

        var again = await RunAsync("create");

        Assert.Equal(0, again.ExitCode);
        Assert.Single(_platform.Clients);
        Assert.Equal(configVars, _platform.ConfigVars);
        Assert.Equal(1, _platform.CountOf(HttpMethod.Post, "oauth/clients"));
        Assert.Equal(1, _platform.CountOf(HttpMethod.Patch, $"apps/{FakePlatformApi.AppName}/config-vars"));
        Assert.Contains("nothing to change", again.Output, StringComparison.Ordinal);
        Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task Create_corrects_the_redirect_uri_of_an_earlier_client_and_rotates_a_secret_it_cannot_see()
    {
        var earlier = _platform.Add(ClientName, "https://old-host.herokuapp.com/auth/heroku/callback");
        var oldSecret = earlier.Secret;

        var run = await RunAsync("create");

        Assert.Equal(0, run.ExitCode);
        var client = Assert.Single(_platform.Clients);
        Assert.Equal(earlier.Id, client.Id);
        Assert.Equal(FakePlatformApi.CallbackUrl, client.RedirectUri);
        Assert.NotEqual(oldSecret, client.Secret);
        var correction = Heroku.Requests.Single(r => r.Method == HttpMethod.Patch && r.Uri.AbsolutePath.EndsWith(earlier.Id, StringComparison.Ordinal));
        Assert.Equal($$"""{"redirect_uri":"{{FakePlatformApi.CallbackUrl}}"}""", correction.Body);
        Assert.Equal(client.Id, _platform.ConfigVars["HEROKU_OAUTH_ID"]);
        Assert.Equal(client.Secret, _platform.ConfigVars["HEROKU_OAUTH_SECRET"]);
        Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task Create_uses_a_secret_the_listing_shows_without_rotating_it()
    {
        _platform.ListingShowsSecrets = true;
        var earlier = _platform.Add(ClientName, FakePlatformApi.CallbackUrl);

        var run = await RunAsync("create");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(earlier.Secret, _platform.ConfigVars["HEROKU_OAUTH_SECRET"]);
        Assert.Equal(0, _platform.CountOf(HttpMethod.Post, $"oauth/clients/{earlier.Id}/actions/rotate-credentials"));
        Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task Create_keeps_the_configured_client_and_deletes_duplicates()
    {
        var first = _platform.Add(ClientName, FakePlatformApi.CallbackUrl);
        var configured = _platform.Add(ClientName, FakePlatformApi.CallbackUrl);
        _platform.SetConfigVar("HEROKU_OAUTH_ID", configured.Id);
        _platform.SetConfigVar("HEROKU_OAUTH_SECRET", configured.Secret);

        var run = await RunAsync("create");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(configured.Id, Assert.Single(_platform.Clients).Id);
        Assert.Equal(1, _platform.CountOf(HttpMethod.Delete, $"oauth/clients/{first.Id}"));
        Assert.Equal(0, _platform.CountOf(HttpMethod.Patch, $"apps/{FakePlatformApi.AppName}/config-vars"));
        Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task Delete_removes_the_client_and_is_happy_when_it_is_already_gone()
    {
        var other = _platform.Add("Someone else's client", "https://elsewhere.example/callback");
        await RunAsync("create");

        var delete = await RunAsync("delete");
        var again = await RunAsync("delete");

        Assert.Equal(0, delete.ExitCode);
        Assert.Equal(other.Id, Assert.Single(_platform.Clients).Id);
        Assert.Contains("Deleted the OAuth client", delete.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to delete", again.Output, StringComparison.Ordinal);
        Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task Delete_succeeds_when_the_client_vanishes_between_listing_and_deleting()
    {
        var client = _platform.Add(ClientName, FakePlatformApi.CallbackUrl);
        _platform.Fail(HttpMethod.Delete, $"oauth/clients/{client.Id}", HttpStatusCode.NotFound, "not_found", "Couldn't find that OAuth client.");

        var run = await RunAsync("delete");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("already gone", run.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, HttpStatusCode, string, int, string> Failures => new()
    {
        { "GET", $"apps/{FakePlatformApi.AppName}", HttpStatusCode.Unauthorized, "unauthorized", 77, "could not look up the app myapp-pr-42: Heroku rejected HEROKU_API_KEY (401 unauthorized)" },
        { "PATCH", $"apps/{FakePlatformApi.AppName}/config-vars", HttpStatusCode.Forbidden, "forbidden", 77, "could not set the config vars of myapp-pr-42: HEROKU_API_KEY may not do this (403 forbidden): it needs the global scope" },
        { "GET", $"apps/{FakePlatformApi.AppName}", HttpStatusCode.NotFound, "not_found", 1, "could not look up the app myapp-pr-42: Heroku found nothing there (404 not_found): check HEROKU_APP_NAME" },
        { "POST", "oauth/clients", (HttpStatusCode)422, "invalid_params", 1, "could not create the OAuth client: Heroku refused the request (422 invalid_params): Redirect uri is invalid." },
        { "GET", "oauth/clients", HttpStatusCode.TooManyRequests, "rate_limit", 75, "could not list the OAuth clients: Heroku is rate limiting this API key (429 rate_limit)" },
        { "GET", $"apps/{FakePlatformApi.AppName}", HttpStatusCode.ServiceUnavailable, "service_unavailable", 75, "could not look up the app myapp-pr-42: Heroku's Platform API is failing (503 service_unavailable)" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_error_status_yields_its_one_line_message_and_a_non_zero_exit_code(
        string method, string path, HttpStatusCode status, string errorId, int exitCode, string message)
    {
        _platform.Fail(new HttpMethod(method), path, status, errorId, "Redirect uri is invalid.");

        var run = await RunAsync("create");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.NotEqual(0, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("review-app create: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"myapp-pr-42.herokuapp.com\"")]
    [InlineData("\"ftp://myapp-pr-42.herokuapp.com/\"")]
    public async Task Create_for_an_app_without_a_web_url_fails_with_its_exit_code_and_one_line(string webUrl)
    {
        AnswerAppLookUp($$"""{"id":"0b1f7c2e-app","name":"{{FakePlatformApi.AppName}}","web_url":{{webUrl}}}""");

        var run = await RunAsync("create");

        Assert.Equal(ReviewAppCommand.ExitCodes.Failed, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("review-app create: could not read the web URL of myapp-pr-42: Heroku's answer has no web_url", line, StringComparison.Ordinal);
        Assert.Empty(_platform.Clients);
        Heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task Create_for_an_answer_that_is_not_the_expected_json_fails_with_its_exit_code_and_one_line()
    {
        AnswerAppLookUp("[1, 2");

        var run = await RunAsync("create");

        Assert.Equal(ReviewAppCommand.ExitCodes.Failed, run.ExitCode);
        Assert.Contains("could not look up the app myapp-pr-42: Heroku's answer was not the JSON this command expects.", run.Error, StringComparison.Ordinal);
    }

    private void AnswerAppLookUp(string json) =>
        Heroku.On(HttpMethod.Get, FakeHeroku.ApiBase + $"apps/{FakePlatformApi.AppName}", _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        });

    [Fact]
    public async Task An_unreachable_Platform_API_says_so_and_asks_to_try_again()
    {
        var closedPort = LoopbackPort.Free();
        _environment["Heroku__ApiBaseAddress"] = $"http://127.0.0.1:{closedPort}/";

        var run = await RunAsync("create");

        Assert.Equal(ReviewAppCommand.ExitCodes.TryAgainLater, run.ExitCode);
        Assert.Contains("could not look up the app myapp-pr-42: Heroku's Platform API could not be reached", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused_without_being_printed()
    {
        _environment["HEROKU_API_KEY"] = "HRKU-a-wrong-key";

        var run = await RunAsync("delete");

        Assert.Equal(ReviewAppCommand.ExitCodes.NoPermission, run.ExitCode);
        Assert.DoesNotContain("HRKU-a-wrong-key", run.Text, StringComparison.Ordinal);
        Assert.Contains("Heroku rejected HEROKU_API_KEY (401 unauthorized)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_api_key_a_review_app_is_told_what_to_set_and_where()
    {
        _environment.Remove("HEROKU_API_KEY");

        var run = await RunAsync("create");

        Assert.Equal(ReviewAppCommand.ExitCodes.NotConfigured, run.ExitCode);
        Assert.Contains("HEROKU_API_KEY is not set", run.Error, StringComparison.Ordinal);
        Assert.Contains("heroku authorizations:create", run.Error, StringComparison.Ordinal);
        Assert.Contains("--scope global", run.Error, StringComparison.Ordinal);
        Assert.Contains("pipeline's review-app config vars", run.Error, StringComparison.Ordinal);
        Assert.Empty(Heroku.Requests);
    }

    [Fact]
    public async Task Create_outside_a_review_app_without_an_api_key_does_nothing_so_button_deploys_succeed()
    {
        _environment.Remove("HEROKU_API_KEY");
        _environment.Remove("HEROKU_PR_NUMBER");
        _environment.Remove("HEROKU_BRANCH");

        var run = await RunAsync("create");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("nothing to do", run.Output, StringComparison.Ordinal);
        Assert.Empty(Heroku.Requests);
    }

    [Fact]
    public async Task Without_an_app_name_it_says_which_variable_is_missing()
    {
        _environment.Remove("HEROKU_APP_NAME");

        var run = await RunAsync("delete");

        Assert.Equal(ReviewAppCommand.ExitCodes.NotConfigured, run.ExitCode);
        Assert.Contains("HEROKU_APP_NAME is not set", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("create", "--help")]
    [InlineData("delete", "-h")]
    public async Task Help_explains_the_commands_and_the_variables(params string[] words)
    {
        var run = await RunAsync(words);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage: HerokuOAuthMvc review-app <create|delete>", run.Output, StringComparison.Ordinal);
        Assert.Contains("HEROKU_API_KEY", run.Output, StringComparison.Ordinal);
        Assert.Empty(Heroku.Requests);
    }

    [Theory]
    [InlineData]
    [InlineData("destroy")]
    [InlineData("create", "now")]
    public async Task Anything_else_is_a_usage_error(params string[] words)
    {
        var run = await RunAsync(words);

        Assert.Equal(ReviewAppCommand.ExitCodes.Usage, run.ExitCode);
        Assert.Contains("review-app --help", run.Error, StringComparison.Ordinal);
        Assert.Empty(Heroku.Requests);
    }
}
