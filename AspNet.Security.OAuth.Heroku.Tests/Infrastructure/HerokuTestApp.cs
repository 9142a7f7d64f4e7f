using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace AspNet.Security.OAuth.Heroku.Infrastructure;

/// <summary>
/// A minimal app signing in with Heroku on a <see cref="TestServer"/>, in the shape aspnet-contrib tests its providers:
/// a cookie scheme whose challenge goes to Heroku, and <c>/me</c>, which challenges strangers and lists a signed-in
/// person's claims. A failed callback is recorded and answered with 400.
/// </summary>
public sealed class HerokuTestApp : IAsyncDisposable
{
    /// <summary>What <see cref="FakeHeroku"/>'s authorization code looks like to the callback.</summary>
    public const string Code = "a6ed8e7f-471f-44f1-903b-65946475f351";

    private const string CookieScheme = "External";

    private readonly WebApplication _app;

    private readonly ConcurrentQueue<Exception> _failures = new();

    private HerokuTestApp(WebApplication app, FakeHeroku heroku)
    {
        _app = app;
        Heroku = heroku;
    }

    /// <summary>The back channel's Heroku.</summary>
    public FakeHeroku Heroku { get; }

    /// <summary>The failures the handler reported to <see cref="RemoteAuthenticationEvents.OnRemoteFailure"/>.</summary>
    public IReadOnlyList<Exception> Failures => [.. _failures];

    /// <summary>The browser: a client of the app that follows no redirect and keeps no cookie.</summary>
    private HttpClient Client => field ??= _app.GetTestClient();

    public static async Task<HerokuTestApp> StartAsync(Action<HerokuAuthenticationOptions>? configure = null, FakeHeroku? heroku = null)
    {
        heroku ??= new FakeHeroku();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();

        HerokuTestApp? testApp = null;
        builder.Services.AddAuthentication(CookieScheme)
            .AddCookie(CookieScheme, options => options.ForwardChallenge = HerokuAuthenticationDefaults.AuthenticationScheme)
            .AddHeroku(options =>
            {
                options.ClientId = "my-client-id";
                options.ClientSecret = "my-client-secret";
                options.SignInScheme = CookieScheme;
                options.Backchannel = new HttpClient(heroku);
                options.Events.OnRemoteFailure = context =>
                {
                    testApp!._failures.Enqueue(context.Failure!);
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
                configure?.Invoke(options);
            });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/me", (HttpContext context) => context.User.Identity?.IsAuthenticated == true
            ? Results.Json(context.User.Claims.Select(c => new RecordedClaim(c.Type, c.Value, c.ValueType, c.Issuer)))
            : Results.Challenge());

        testApp = new HerokuTestApp(app, heroku);
        await app.StartAsync();
        return testApp;
    }

    /// <summary>Starts a sign-in: <c>/me</c> challenges, and the handler sends the browser to Heroku.</summary>
    public async Task<Challenge> ChallengeAsync()
    {
        using var response = await Client.GetAsync(new Uri("/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        return new Challenge(location, QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString()), Cookies(response));
    }

    /// <summary>Heroku's redirect back to the callback with <paramref name="query"/>, with the challenge's cookies.</summary>
    public async Task<HttpResponseMessage> CallbackAsync(Challenge challenge, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{HerokuAuthenticationDefaults.CallbackPath}?{query}", UriKind.Relative));
        if (challenge.Cookies.Length > 0)
        {
            request.Headers.Add("Cookie", challenge.Cookies);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Heroku's redirect back after consent: a code and the challenge's own <c>state</c>.</summary>
    public Task<HttpResponseMessage> ConsentedCallbackAsync(Challenge challenge, string code = Code) =>
        CallbackAsync(challenge, $"code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(challenge.Query["state"])}");

    /// <summary>A whole sign-in with Heroku's consent given, and the claims <c>/me</c> then lists.</summary>
    public async Task<IReadOnlyList<RecordedClaim>> SignInAsync()
    {
        var challenge = await ChallengeAsync();
        using var callback = await ConsentedCallbackAsync(challenge);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"The callback answered {(int)callback.StatusCode}: {string.Join("; ", Failures.Select(f => f.Message))}");

        using var me = new HttpRequestMessage(HttpMethod.Get, callback.Headers.Location);
        me.Headers.Add("Cookie", Cookies(callback));
        using var claims = await Client.SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, claims.StatusCode);
        return JsonSerializer.Deserialize<List<RecordedClaim>>(await claims.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Select(c => c.Split(';')[0]) : []);

    /// <summary>Where the challenge sent the browser, its query, and the cookies it set.</summary>
    public sealed record Challenge(Uri Location, IReadOnlyDictionary<string, string> Query, string Cookies);

    /// <summary>A claim as <c>/me</c> lists it.</summary>
    public sealed record RecordedClaim(string Type, string Value, string ValueType, string Issuer);
}
