using System.Net;
using HerokuOAuthMvc.Heroku;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Tests.ReviewApps;

/// <summary>A review app boots before its postdeploy script has given it an OAuth client.</summary>
public sealed class ReviewAppSignInTests
{
    private static HerokuAppFactory ReviewAppWithoutClient() => new HerokuAppFactory()
        .With("Heroku:ClientId", null)
        .With("Heroku:ClientSecret", null)
        .With("HEROKU_APP_NAME", FakePlatformApi.AppName)
        .With("HEROKU_PR_NUMBER", "42");

    [Fact]
    public async Task A_review_app_without_a_client_boots_and_its_sign_in_page_says_sign_in_is_being_set_up()
    {
        using var factory = ReviewAppWithoutClient();
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign-in is being set up", html, StringComparison.Ordinal);
        Assert.Contains("HEROKU_OAUTH_ID", html, StringComparison.Ordinal);
        Assert.Contains("HEROKU_API_KEY", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Sign in with Heroku</button>", html, StringComparison.Ordinal);
        Assert.Empty(factory.Heroku.Requests);
    }

    [Fact]
    public async Task Pressing_an_old_sign_in_button_shows_the_notice_instead_of_going_to_Heroku()
    {
        using var factory = ReviewAppWithoutClient();
        var client = factory.CreateClient();

        using var response = await SignInDriver.PostFormAsync(client, "/auth/heroku");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Sign-in is being set up", html, StringComparison.Ordinal);
        Assert.Empty(factory.Heroku.Requests);
    }

    [Fact]
    public async Task Without_a_client_the_callback_is_not_handled_and_does_not_fail()
    {
        using var factory = ReviewAppWithoutClient();
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/auth/heroku/callback?code=c&state=s");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Once_the_client_is_set_a_review_app_signs_in_as_usual()
    {
        using var factory = new HerokuAppFactory().With("HEROKU_PR_NUMBER", "42");
        var client = factory.CreateClient();

        var landing = await SignInDriver.SignInAsync(client);

        Assert.Equal("/user", landing.OriginalString);
        Assert.DoesNotContain("Sign-in is being set up", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_without_review_app_variables_still_stops_at_boot_without_a_client()
    {
        using var factory = new HerokuAppFactory()
            .With("Heroku:ClientId", null)
            .With("Heroku:ClientSecret", null)
            .With("HEROKU_APP_NAME", FakePlatformApi.AppName);

        var error = Assert.IsType<OptionsValidationException>(factory.StartupFailure());

        Assert.Contains("HEROKU_OAUTH_ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_review_app_with_a_client_id_but_no_secret_still_stops_at_boot()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["HEROKU_BRANCH"] = "feature", ["HEROKU_OAUTH_ID"] = "id" })
            .Build();
        var setup = new HerokuOptionsSetup(configuration);
        var options = new HerokuOptions();
        setup.Configure(options);

        var result = setup.Validate(Options.DefaultName, options);

        Assert.Contains(result.Failures!, f => f.Contains("HEROKU_OAUTH_SECRET", StringComparison.Ordinal));
    }
}
