using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>Two dynos sharing only config vars, taking turns behind the router, and restarted as Heroku restarts them.</summary>
[Trait("Category", "Slow")]
public sealed class SeveralDynosTests(PublishedApp app, BrowserFixture browser) : IClassFixture<PublishedApp>, IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private HerokuApp _heroku = null!;

    public async Task InitializeAsync() => _heroku = await HerokuApp.StartAsync(app, dynos: 2, DynoConfig.WithCookieSecret());

    public async Task DisposeAsync() => await _heroku.DisposeAsync();

    [Fact]
    public async Task A_session_made_on_one_dyno_is_read_by_the_other_and_after_every_dyno_restarts()
    {
        using var client = _heroku.Router.CreateClient();

        // The form comes from one dyno and is posted to the other; the callback comes back to the first.
        await SignInDriver.SignInAsync(client);
        await Greetings.AssertOnEveryDynoAsync(_heroku, () => client.GetStringAsync("/user"));

        await _heroku.RestartAllAsync();

        await Greetings.AssertOnEveryDynoAsync(_heroku, () => client.GetStringAsync("/user"));
    }

    [BrowserFact]
    public Task In_Chromium_over_https_sign_in_works_with_two_dynos_taking_turns_and_survives_a_restart() =>
        Greetings.AssertChromiumSignInSurvivesRestartsAsync(browser, _heroku);
}
