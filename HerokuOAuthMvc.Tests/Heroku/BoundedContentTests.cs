using System.Net;
using HerokuOAuthMvc.Heroku;
#if (reviewApps)
using HerokuOAuthMvc.ReviewApps;
#endif
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HerokuOAuthMvc.Tests.Heroku;

/// <summary>
/// A Heroku answer whose body stalls after its headers, trickles in forever or is too large is bounded like a slow
/// answer: every Heroku client gives up within its resilience timeouts, and the sign-in callback, Refresh and sign-out
/// end on a friendly page well inside the router's 30 s. The timeouts run on a <see cref="FakeTimeProvider"/>, moved by
/// one attempt's timeout each time a request is left hanging; the trickling body trickles in real time meanwhile.
/// </summary>
public sealed class BoundedContentTests : IDisposable
{
    private const string AccountEndpoint = FakeHeroku.ApiBase + "account";

    private static readonly TimeSpan AttemptTimeout = HerokuAppFactory.AttemptTimeout;
    private static readonly TimeSpan TotalTimeout = HerokuAppFactory.TotalTimeout;

    // Without the bound, the test's own client would wait this long (HttpClient's default is 100 s) and fail the test.
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(20);

    private readonly FakeHeroku _heroku = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    public void Dispose() => _heroku.Dispose();

    public enum Body
    {
        StallsAfterHeaders,
        TricklesAByteEvery100Ms,
    }

    [Theory]
    [InlineData(Body.StallsAfterHeaders)]
    [InlineData(Body.TricklesAByteEvery100Ms)]
    public async Task The_Platform_API_client_gives_up_on_a_body_within_its_total_timeout(Body body)
    {
        Answer(HttpMethod.Get, AccountEndpoint, body);
        await using var services = HerokuClients();
        var heroku = services.GetRequiredService<HerokuApiClient>();

        var failure = await FailureAsync(() => heroku.GetAccountAsync());

        Assert.True(HerokuFailures.IsUnreachable(failure.Exception), failure.Exception.ToString());
        Assert.Equal(TotalTimeout, failure.Took);
        Assert.Equal(3, _heroku.CountOf(HttpMethod.Get, AccountEndpoint));
    }

    [Theory]
    [InlineData(Body.StallsAfterHeaders)]
    [InlineData(Body.TricklesAByteEvery100Ms)]
    public async Task The_back_channel_gives_up_on_a_token_body_within_one_attempt(Body body)
    {
        Answer(HttpMethod.Post, FakeHeroku.TokenEndpoint, body);
        await using var services = HerokuClients();
        using var backchannel = HerokuServiceCollectionExtensions.CreateBackchannel(services.GetRequiredService<IHttpMessageHandlerFactory>());

        var failure = await FailureAsync(() => backchannel.PostAsync(FakeHeroku.TokenEndpoint, new FormUrlEncodedContent([])));

        Assert.True(HerokuFailures.IsUnreachable(failure.Exception), failure.Exception.ToString());
        Assert.Equal(AttemptTimeout, failure.Took);
    }

#if (reviewApps)
    [Theory]
    [InlineData(Body.StallsAfterHeaders)]
    [InlineData(Body.TricklesAByteEvery100Ms)]
    public async Task The_review_app_commands_client_gives_up_on_a_body_within_its_total_timeout(Body body)
    {
        Answer(HttpMethod.Get, FakeHeroku.ApiBase + "apps/my-review-app", body);
        await using var services = HerokuClients(s => s.AddPlatformApiClient<HerokuPlatformClient>());
        var platform = services.GetRequiredService<HerokuPlatformClient>();

        var failure = await FailureAsync(() => platform.GetAppAsync("my-review-app", CancellationToken.None));

        Assert.True(HerokuFailures.IsUnreachable(failure.Exception), failure.Exception.ToString());
        Assert.InRange(failure.Took, AttemptTimeout, TotalTimeout);
    }

#endif

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_size_limit_is_refused_whether_or_not_it_says_its_length(bool declaresLength)
    {
        // A valid account, padded: only the limit stops it.
        var tooLarge = new string(' ', BoundedContentHandler.MaxContentBytes) + System.Text.Json.JsonSerializer.Serialize(FakeHeroku.DefaultAccount);
        _heroku.On(HttpMethod.Get, AccountEndpoint, _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = declaresLength ? new StringContent(tooLarge) : new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(tooLarge))),
        });
        await using var services = HerokuClients();

        var failure = await FailureAsync(() => services.GetRequiredService<HerokuApiClient>().GetAccountAsync());

        Assert.True(HerokuFailures.IsUnreachable(failure.Exception), failure.Exception.ToString());
        Assert.IsType<HttpRequestException>(failure.Exception);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_as_before()
    {
        _heroku.WithAccount(FakeHeroku.DefaultAccount);
        await using var services = HerokuClients();

        var account = await services.GetRequiredService<HerokuApiClient>().GetAccountAsync();

        Assert.Equal("Ada Lovelace", account.Name);
    }

    [Theory]
    [InlineData(Body.StallsAfterHeaders, FakeHeroku.TokenEndpoint)]
    [InlineData(Body.TricklesAByteEvery100Ms, FakeHeroku.TokenEndpoint)]
    [InlineData(Body.StallsAfterHeaders, AccountEndpoint)]
    [InlineData(Body.TricklesAByteEvery100Ms, AccountEndpoint)]
    public async Task The_sign_in_callback_ends_on_the_friendly_page_in_bounded_time(Body body, string endpoint)
    {
        using var factory = new HerokuAppFactory { Time = new FakeTimeProvider(DateTimeOffset.UtcNow) };
        var client = Client(factory);
        var authorize = await SignInDriver.StartSignInAsync(client);
        Answer(factory.Heroku, endpoint == AccountEndpoint ? HttpMethod.Get : HttpMethod.Post, endpoint, body);

        var callback = await TimedAsync(factory, SignInDriver.CompleteCallbackAsync(client, authorize));

        Assert.Equal(HttpStatusCode.Redirect, callback.Result.StatusCode);
        Assert.Equal("/auth/heroku/failed?reason=unavailable", callback.Result.Headers.Location?.OriginalString);
        Assert.InRange(callback.Took, TimeSpan.Zero, AttemptTimeout + TotalTimeout);
    }

    [Theory]
    [InlineData(Body.StallsAfterHeaders)]
    [InlineData(Body.TricklesAByteEvery100Ms)]
    public async Task Refresh_ends_on_the_friendly_page_in_bounded_time(Body body)
    {
        using var factory = new HerokuAppFactory { Time = new FakeTimeProvider(DateTimeOffset.UtcNow) };
        var client = await SignedInAsync(factory);
        Answer(factory.Heroku, HttpMethod.Get, AccountEndpoint, body);

        var refresh = await TimedAsync(factory, client.SendAsync(SignInDriver.FormPost(client, "/user/refresh")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refresh.Result.StatusCode);
        Assert.Contains("Heroku is not answering", await refresh.Result.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(refresh.Took, TimeSpan.Zero, TotalTimeout);
    }

    [Theory]
    [InlineData(Body.StallsAfterHeaders)]
    [InlineData(Body.TricklesAByteEvery100Ms)]
    public async Task Sign_out_ends_the_session_in_bounded_time(Body body)
    {
        // Only the global scope lets sign-out call Heroku (to find and revoke the session's authorization).
        using var factory = new HerokuAppFactory { Time = new FakeTimeProvider(DateTimeOffset.UtcNow) }.With("Heroku:Scope", "global");
        factory.Heroku.GrantedScope = "global";
        var client = await SignedInAsync(factory);
        Answer(factory.Heroku, HttpMethod.Get, FakeHeroku.AuthorizationsEndpoint, body);

        var signOut = await TimedAsync(factory, client.SendAsync(SignInDriver.FormPost(client, "/auth/signout")));

        Assert.Equal(HttpStatusCode.Redirect, signOut.Result.StatusCode);
        Assert.InRange(signOut.Took, TimeSpan.Zero, TotalTimeout);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/user")).StatusCode);
    }

    private void Answer(HttpMethod method, string url, Body body) => Answer(_heroku, method, url, body);

    private static void Answer(FakeHeroku heroku, HttpMethod method, string url, Body body)
    {
        if (body == Body.StallsAfterHeaders)
        {
            heroku.StallsAfterHeaders(method, url);
        }
        else
        {
            heroku.Trickles(method, url, TimeSpan.FromMilliseconds(100));
        }
    }

    private static HttpClient Client(HerokuAppFactory factory)
    {
        var client = factory.CreateClient();
        client.Timeout = GiveUp;
        return client;
    }

    private static async Task<HttpClient> SignedInAsync(HerokuAppFactory factory)
    {
        var client = Client(factory);
        await SignInDriver.SignInAsync(client);
        return client;
    }

    /// <summary>The app's Heroku clients as the app registers them, with the test's timeouts, sending to the fake.</summary>
    private ServiceProvider HerokuClients(Action<IServiceCollection>? add = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Heroku:ClientId"] = FakeHeroku.ClientId,
            ["Heroku:ClientSecret"] = FakeHeroku.ClientSecret,
            ["Heroku:TokenEndpoint"] = FakeHeroku.TokenEndpoint,
            ["Heroku:ApiBaseAddress"] = FakeHeroku.ApiBase,
            ["Heroku:Resilience:RetryDelay"] = "00:00:00",
            ["Heroku:Resilience:AttemptTimeout"] = AttemptTimeout.ToString(),
            ["Heroku:Resilience:TotalTimeout"] = TotalTimeout.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddHerokuOptions();
        services.AddHerokuBackchannel();
        services.AddPlatformApiClient<HerokuApiClient>(client =>
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FakeHeroku.AccessToken));
        add?.Invoke(services);
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => _heroku));
        return services.BuildServiceProvider();
    }

    /// <summary>The app's answer, and how far its clock moved while Heroku left it hanging.</summary>
    private static async Task<(T Result, TimeSpan Took)> TimedAsync<T>(HerokuAppFactory factory, Task<T> call)
    {
        var took = await factory.AdvanceWhileHerokuHangsAsync(call).WaitAsync(GiveUp);
        return (await call, took);
    }

    /// <summary>The client's failure, and how far the clock moved (one attempt's timeout per hanging request) until it came.</summary>
    private async Task<(Exception Exception, TimeSpan Took)> FailureAsync(Func<Task> call)
    {
        var called = call();
        var took = TimeSpan.Zero;
        while (await Task.WhenAny(called, _heroku.Hanging.WaitAsync()).WaitAsync(GiveUp) != called)
        {
            _time.Advance(AttemptTimeout);
            took += AttemptTimeout;
        }

        var exception = await Record.ExceptionAsync(() => called);
        Assert.NotNull(exception);
        Assert.IsNotType<TimeoutException>(exception);
        return (exception, took);
    }
}
