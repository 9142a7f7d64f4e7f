using System.Collections.Concurrent;
using System.Net;
using AspNet.Security.OAuth.Heroku;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HerokuOAuthMvc.Tests.Authentication;

/// <summary>The Heroku handler is built where it has work to do (the challenge and the callback), never for a page view.</summary>
public sealed class CallbackSchemeProviderTests : IAsyncDisposable
{
    private readonly HerokuAppFactory _factory = new();

    private readonly ConcurrentQueue<string> _herokuHandlersBuiltFor = new();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private HttpClient CreateClient() =>
        _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddScoped<IAuthenticationHandlerProvider>(provider => new RecordingHandlerProvider(
                ActivatorUtilities.CreateInstance<AuthenticationHandlerProvider>(provider), _herokuHandlersBuiltFor))))
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

    private sealed class RecordingHandlerProvider(IAuthenticationHandlerProvider inner, ConcurrentQueue<string> herokuHandlersBuiltFor)
        : IAuthenticationHandlerProvider
    {
        public Task<IAuthenticationHandler?> GetHandlerAsync(HttpContext context, string authenticationScheme)
        {
            if (authenticationScheme == HerokuAuthenticationDefaults.AuthenticationScheme)
            {
                herokuHandlersBuiltFor.Enqueue(context.Request.Path.Value!);
            }

            return inner.GetHandlerAsync(context, authenticationScheme);
        }
    }
}
