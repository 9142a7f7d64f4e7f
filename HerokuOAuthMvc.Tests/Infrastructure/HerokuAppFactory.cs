using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// The app in memory, configured as in Production with an OAuth client, and every outgoing HTTP call
/// answered by a strict <see cref="FakeHeroku"/>.
/// </summary>
public class HerokuAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Heroku:ClientId"] = FakeHeroku.ClientId,
        ["Heroku:ClientSecret"] = FakeHeroku.ClientSecret,
        ["Heroku:AuthorizationEndpoint"] = FakeHeroku.AuthorizationEndpoint,
        ["Heroku:TokenEndpoint"] = FakeHeroku.TokenEndpoint,
        ["Heroku:ApiBaseAddress"] = FakeHeroku.ApiBase,

        // The narrowest scope, whatever appsettings.json asks for (an app made with `dotnet new heroku-oauth-mvc --scope
        // "identity read"` asks for more there): a test that needs more sets it, as FakeHeroku.GrantedScope.
        ["Heroku:Scope"] = "identity",

        // Retries as in production, without the waits: a test of Heroku failing takes milliseconds.
        ["Heroku:Resilience:RetryDelay"] = "00:00:00",
        ["Heroku:Resilience:AttemptTimeout"] = AttemptTimeout.ToString(),
        ["Heroku:Resilience:TotalTimeout"] = TotalTimeout.ToString(),
    };

    /// <summary>How long the app waits for one answer from Heroku, on the app's clock (<see cref="Time"/> when set).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How long the app waits for Heroku, retries included.</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(3);

    public HerokuAppFactory()
    {
        ClientOptions.BaseAddress = new Uri("https://localhost/");
        ClientOptions.AllowAutoRedirect = false;
    }

    public FakeHeroku Heroku { get; } = new FakeHeroku().WithHappyPath();

    /// <summary>What the app logged, at Information and above.</summary>
    public RecordedLogs Logs { get; } = new();

    public string Environment { get; set; } = "Production";

    /// <summary>The app's clock; set it before the app starts to control token expiry.</summary>
    public FakeTimeProvider? Time { get; set; }

    /// <summary>Whether every outgoing HTTP call goes to <see cref="Heroku"/>; off to exercise the local stand-in.</summary>
    public bool UseFakeHeroku { get; set; } = true;

    /// <summary>Sets (or with null, removes) a configuration value before the app starts.</summary>
    public HerokuAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Moves the app's clock (<see cref="Time"/>) by one attempt's timeout each time a request to the fake Heroku is left
    /// hanging, until <paramref name="answer"/> completes; returns how far the clock moved.
    /// </summary>
    public async Task<TimeSpan> AdvanceWhileHerokuHangsAsync(Task answer)
    {
        var time = Time ?? throw new InvalidOperationException("Set Time before the app starts to move its clock.");
        var waited = TimeSpan.Zero;
        while (await Task.WhenAny(answer, Heroku.Hanging.WaitAsync()) != answer)
        {
            time.Advance(AttemptTimeout);
            waited += AttemptTimeout;
        }

        return waited;
    }

    /// <summary>
    /// What stops the app from starting with these settings. As a start fails, the app's own <c>app.Run()</c> disposes
    /// its host while Mvc.Testing's deferred host may still be about to read that host's services; when it loses that
    /// race (on a busy machine), the factory reports "Cannot access a disposed object" instead of the failure. The
    /// failure is the same on every start, so that answer is asked again of a new factory with the same settings.
    /// </summary>
    public Exception StartupFailure()
    {
        const int Attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            using var again = attempt == 1 ? null : Copy();
            try
            {
                (again ?? this).CreateClient();
            }
            catch (ObjectDisposedException) when (attempt < Attempts)
            {
                continue;
            }
            catch (Exception failure)
            {
                return failure;
            }

            Assert.Fail("The app started with these settings.");
        }
    }

    private HerokuAppFactory Copy()
    {
        var copy = new HerokuAppFactory { Environment = Environment, Time = Time, UseFakeHeroku = UseFakeHeroku };
        foreach (var (key, value) in _settings)
        {
            copy._settings[key] = value;
        }

        return copy;
    }

    /// <summary>Strictness: a request the test did not set up fails the test even when the app turned it into a friendly page.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Heroku.VerifyNoUnexpectedRequests();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (UseFakeHeroku)
        {
            builder.ConfigureTestServices(services =>
                services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => Heroku)));
        }

        if (Time is { } time)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(time));
        }
    }
}
