using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using HerokuOAuthMvc.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Tests.RateLimiting;

public sealed class SignInRateLimitingTests : IDisposable
{
    /// <summary>Stands in for the forwarded-headers middleware: the test says which address a request comes from.</summary>
    private const string ClientAddressHeader = "X-Test-Client-Address";

    private readonly AddressedAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private HttpClient ClientFrom(string address)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    [Fact]
    public async Task Thirty_sign_ins_a_minute_from_one_address_all_go_through_by_default()
    {
        var client = ClientFrom("203.0.113.7");

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal("/user", (await SignInDriver.SignInAsync(client)).OriginalString);
        }
    }

    [Fact]
    public async Task Starting_sign_in_beyond_the_limit_gets_a_friendly_429_and_other_addresses_and_pages_are_unaffected()
    {
        _factory.With("RateLimiting:SignInPermitsPerMinute", "3");
        var client = ClientFrom("203.0.113.7");
        for (var i = 0; i < 3; i++)
        {
            await SignInDriver.StartSignInAsync(client);
        }

        using var refused = await SignInDriver.PostFormAsync(client, "/auth/heroku");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Wait a minute", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await SignInDriver.StartSignInAsync(ClientFrom("198.51.100.20"));
    }

    [Fact]
    public async Task The_callback_is_limited_per_address_too()
    {
        _factory.With("RateLimiting:SignInPermitsPerMinute", "2");
        var client = ClientFrom("2001:db8::1");
        for (var i = 0; i < 2; i++)
        {
            using var ok = await client.GetAsync("/auth/heroku/callback?error=access_denied");
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        using var refused = await client.GetAsync("/auth/heroku/callback?error=access_denied");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Wait a minute", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_other_than_sign_in_are_never_limited()
    {
        _factory.With("RateLimiting:SignInPermitsPerMinute", "1");
        var client = ClientFrom("203.0.113.7");

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }
    }

    [Fact]
    public void A_limit_below_one_is_refused_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["RateLimiting:SignInPermitsPerMinute"] = "0" })
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddSignInRateLimiting().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SignInRateLimitingOptions>>().Value);

        Assert.Contains("RateLimiting:SignInPermitsPerMinute", error.Message, StringComparison.Ordinal);
    }

    private sealed class AddressedAppFactory : HerokuAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>());
        }
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
