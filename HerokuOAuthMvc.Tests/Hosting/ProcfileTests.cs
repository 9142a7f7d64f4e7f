using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>The app published as the heroku/dotnet buildpack publishes it and started by the Procfile's web command.</summary>
[Trait("Category", "Slow")]
public sealed class ProcfileTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    [Fact]
    public async Task The_web_command_serves_the_sign_in_page_on_PORT_within_60_seconds_and_stops_cleanly_on_SIGTERM()
    {
        await using var heroku = await FakeHerokuServer.StartAsync();
        await using var dyno = await Dyno.StartAsync(app, "web.1", new Dictionary<string, string>(heroku.AppSettings)
        {
            ["COOKIE_SECRET"] = DynoConfig.CookieSecret,
        });

        Assert.InRange(dyno.BootTime, TimeSpan.Zero, Dyno.BootTimeout);

        // What the Procfile asked Kestrel for: every address on $PORT (the test then holds it to loopback).
        Assert.Contains(dyno.Output, line => line.Contains($"'http://*:{dyno.Port}'", StringComparison.Ordinal));
        Assert.Contains(dyno.Output, line => line.Contains("Hosting environment: Production", StringComparison.Ordinal));
        Assert.Contains(dyno.Output, line => line.Contains("derived from COOKIE_SECRET", StringComparison.Ordinal));

        var (exitCode, took) = await dyno.TerminateAsync();

        Assert.Equal(0, exitCode);
        Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        Assert.Contains(dyno.Output, line => line.Contains("Application is shutting down", StringComparison.Ordinal));
    }
}
