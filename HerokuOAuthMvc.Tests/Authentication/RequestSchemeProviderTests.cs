using System.Collections.Concurrent;
using System.Net;
using AspNet.Security.OAuth.Heroku;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HerokuOAuthMvc.Tests.Authentication;

/// <summary>
/// The Heroku handler is built where it has work to do (the challenge and the callback), never for a page view; the
/// cookie handler only where a session cookie came with the request.
/// </summary>
public sealed class RequestSchemeProviderTests : IAsyncDisposable
{
    private readonly HerokuAppFactory _factory = new();

    private readonly ConcurrentQueue<string> _herokuHandlersBuiltFor = new();

    private readonly ConcurrentQueue<string> _cookieHandlersBuiltFor = new();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private HttpClient CreateClient() =>
        _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddScoped<IAuthenticationHandlerProvider>(provider => new RecordingHandlerProvider(
                ActivatorUtilities.CreateInstance<AuthenticationHandlerProvider>(provider), _herokuHandlersBuiltFor, _cookieHandlersBuiltFor))))
        .CreateClient(_factory.ClientOptions);

    [Fact]
    public async Task Sign_in_still_completes_at_the_callback_which_is_where_the_Heroku_handler_is_built()
    {
        var client = CreateClient();

        var landing = await SignInDriver.SignInAsync(client);

        Assert.Equal("/user", landing.OriginalString);
        Assert.Equal(["/auth/heroku", "/auth/heroku/callback"], _herokuHandlersBuiltFor);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?returnUrl=%2Fuser")]
    [InlineData("/user")]
    [InlineData("/css/site.css")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    public async Task A_visitor_s_request_anywhere_else_never_builds_the_Heroku_handler(string path)
    {
        var client = CreateClient();

        using var response = await client.GetAsync(path);

        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(_herokuHandlersBuiltFor);
    }

    [Fact]
    public async Task A_signed_in_person_s_pages_never_build_the_Heroku_handler()
    {
        var client = CreateClient();
        await SignInDriver.SignInAsync(client);
        _herokuHandlersBuiltFor.Clear();

        using var greeting = await client.GetAsync("/user");
        using var home = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, greeting.StatusCode);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Empty(_herokuHandlersBuiltFor);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/css/site.css")]
    public async Task A_request_without_a_session_cookie_is_a_visitor_without_reading_any_cookie(string path)
    {
        var client = CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_cookieHandlersBuiltFor);
    }

    [Fact]
    public async Task A_request_without_a_session_cookie_to_a_signed_in_page_is_still_sent_to_sign_in()
    {
        var client = CreateClient();

        using var response = await client.GetAsync("/user");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/?", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_with_the_session_cookie_is_authenticated_by_it()
    {
        var client = CreateClient();
        await SignInDriver.SignInAsync(client);
        _cookieHandlersBuiltFor.Clear();

        using var home = await client.GetAsync("/");

        Assert.Contains("You are signed in", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["/"], _cookieHandlersBuiltFor);
    }

    [Fact]
    public async Task Without_a_session_cookie_AuthenticateAsync_and_GetTokenAsync_answer_no_result_not_an_error()
    {
        using var scope = _factory.Services.CreateScope();
        var visitor = new DefaultHttpContext { RequestServices = scope.ServiceProvider };

        var result = await visitor.AuthenticateAsync();

        Assert.True(result.None);
        Assert.Null(await visitor.GetTokenAsync("access_token"));
    }

    [Fact]
    public async Task A_second_Heroku_scheme_is_asked_at_its_own_callback_path_and_nowhere_else()
    {
        const string Callback = "/auth/heroku-admin/callback";
        using var app = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddAuthentication().AddHeroku("heroku-admin", options =>
            {
                options.ClientId = "admin-client";
                options.ClientSecret = "admin-secret";
                options.CallbackPath = Callback;
            })));
        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        var accessor = app.Services.GetRequiredService<IHttpContextAccessor>();

        async Task<string[]> AskedAtAsync(string path)
        {
            accessor.HttpContext = new DefaultHttpContext { Request = { Path = path } };
            return [.. (await schemes.GetRequestHandlerSchemesAsync()).Select(scheme => scheme.Name)];
        }

        Assert.Contains("heroku-admin", await AskedAtAsync(Callback));
        Assert.Contains(HerokuAuthenticationDefaults.AuthenticationScheme, await AskedAtAsync("/auth/heroku/callback"));
        Assert.DoesNotContain(await AskedAtAsync("/"), name => name.StartsWith("heroku", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class RecordingHandlerProvider(
        IAuthenticationHandlerProvider inner, ConcurrentQueue<string> herokuHandlersBuiltFor, ConcurrentQueue<string> cookieHandlersBuiltFor)
        : IAuthenticationHandlerProvider
    {
        public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme)
        {
            if (authenticationScheme == HerokuAuthenticationDefaults.AuthenticationScheme)
            {
                herokuHandlersBuiltFor.Enqueue(context.Request.Path.Value!);
            }
            else if (authenticationScheme == CookieAuthenticationDefaults.AuthenticationScheme)
            {
                cookieHandlersBuiltFor.Enqueue(context.Request.Path.Value!);
            }

            return inner.GetHandlerAsync(context, authenticationScheme);
        }
    }
}
