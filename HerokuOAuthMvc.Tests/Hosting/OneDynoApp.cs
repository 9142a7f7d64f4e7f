using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// One published dyno with a cookie secret behind the router, for the classes that look at one dyno's answers and logs
/// (<see cref="RouterTests"/>, <see cref="LoggingTests"/>, <see cref="DynoLogInjectionTests"/>). They run one after
/// another in its collection, so the lines a test reads while it acts are its own requests' (a check over all of
/// <see cref="HerokuApp.Logs"/> covers the other classes' lines too), and the run boots one dyno for them instead of
/// three. A test that changes the fake Heroku puts it back before it ends.
/// </summary>
public sealed class OneDynoApp : IAsyncLifetime
{
    public const string Collection = "One dyno with a cookie secret";

    private readonly PublishedApp _published = new();

    public HerokuApp Heroku { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _published.InitializeAsync();
        Heroku = await HerokuApp.StartAsync(_published, dynos: 1, DynoConfig.WithCookieSecret());
    }

    public async Task DisposeAsync()
    {
        // xunit disposes a fixture whose start failed too.
        if (Heroku is not null)
        {
            await Heroku.DisposeAsync();
        }
    }
}

[CollectionDefinition(OneDynoApp.Collection)]
public sealed class OneDynoDefinition : ICollectionFixture<OneDynoApp>;
