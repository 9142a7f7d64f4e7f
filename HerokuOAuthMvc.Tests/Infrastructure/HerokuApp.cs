namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// The published app as Heroku runs it: a fake Heroku (id and api) on loopback, the TLS-ending router and web dynos
/// taking turns behind it, all with the same config vars. Dynos start one after another, as a scale-up does.
/// </summary>
public sealed class HerokuApp : IAsyncDisposable
{
    private readonly List<Dyno> _dynos = [];

    private HerokuApp(FakeHerokuServer heroku, HerokuRouter router)
    {
        Heroku = heroku;
        Router = router;
    }

    public FakeHerokuServer Heroku { get; }

    public HerokuRouter Router { get; }

    public IReadOnlyList<Dyno> Dynos => _dynos;

    /// <summary>Every line every dyno logged, as <c>heroku logs</c> shows them.</summary>
    public IEnumerable<string> Logs => _dynos.SelectMany(dyno => dyno.Output);

    /// <summary>Waits for a log line on any dyno: the console logger writes in the background, shortly after the response.</summary>
    public async Task WaitForLogAsync(Func<string, bool> match)
    {
        var seen = _dynos.Select(dyno => dyno.WaitForLineAsync(match, since: 0, TimeSpan.FromSeconds(10))).ToList();
        while (seen.Count > 0)
        {
            var first = await Task.WhenAny(seen);
            if (first.IsCompletedSuccessfully)
            {
                return;
            }

            seen.Remove(first);
        }

        Assert.Fail("The expected line is not in the logs:\n" + string.Join('\n', Logs));
    }

    /// <summary>The lines the dynos log while <paramref name="action"/> runs, each dyno's up to a marker it logs afterwards.</summary>
    public async Task<List<string>> LinesLoggedDuringAsync(Func<Task> action)
    {
        var before = _dynos.Select(dyno => dyno.Output.Count).ToList();
        await action();
        var lines = new List<string>();
        foreach (var (dyno, since) in _dynos.Zip(before))
        {
            lines.AddRange(await dyno.LinesLoggedSinceAsync(since));
        }

        return lines;
    }

    public static async Task<HerokuApp> StartAsync(PublishedApp app, int dynos, IReadOnlyDictionary<string, string> configVars)
    {
        var router = await HerokuRouter.StartAsync();
        var heroku = await FakeHerokuServer.StartAsync();
        heroku.WithAutoConsent(router.CallbackUri);
        var herokuApp = new HerokuApp(heroku, router);
        try
        {
            var config = heroku.AppSettings.Concat(configVars).ToDictionary(StringComparer.Ordinal);
            for (var number = 1; number <= dynos; number++)
            {
                herokuApp._dynos.Add(await Dyno.StartAsync(app, $"web.{number}", config));
            }

            router.RouteTo([.. herokuApp._dynos.Select(dyno => dyno.Address)]);
            return herokuApp;
        }
        catch
        {
            await herokuApp.DisposeAsync();
            throw;
        }
    }

    /// <summary>Heroku's daily restart, on every dyno; the router keeps sending to the same ports.</summary>
    public async Task RestartAllAsync()
    {
        foreach (var dyno in _dynos)
        {
            await dyno.RestartAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dyno in _dynos)
        {
            await dyno.DisposeAsync();
        }

        await Router.DisposeAsync();
        await Heroku.DisposeAsync();
    }
}
