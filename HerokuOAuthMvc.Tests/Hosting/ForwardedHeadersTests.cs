using System.Net;
using HerokuOAuthMvc.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Tests.Hosting;

public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task On_Heroku_the_routers_scheme_and_the_address_it_saw_are_believed_from_any_peer()
    {
        var context = await ForwardAsync(dyno: "web.1", peer: "10.45.6.7");

        Assert.Equal("https", context.Request.Scheme);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task Off_Heroku_a_remote_peer_cannot_claim_https()
    {
        var context = await ForwardAsync(dyno: null, peer: "10.45.6.7");

        Assert.Equal("http", context.Request.Scheme);
        Assert.Equal(IPAddress.Parse("10.45.6.7"), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public async Task Off_Heroku_a_proxy_on_loopback_is_believed()
    {
        var context = await ForwardAsync(dyno: null, peer: "127.0.0.1");

        Assert.Equal("https", context.Request.Scheme);
    }

    // The client forged the first X-Forwarded-For entry; the router appended the address it really saw.
    private static async Task<HttpContext> ForwardAsync(string? dyno, string peer)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["DYNO"] = dyno;
        builder.AddHerokuForwardedHeaders();
        using var services = builder.Services.BuildServiceProvider();
        var middleware = new ForwardedHeadersMiddleware(
            _ => Task.CompletedTask, NullLoggerFactory.Instance, services.GetRequiredService<IOptions<ForwardedHeadersOptions>>());

        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Scheme = "http";
        context.Request.Headers["X-Forwarded-For"] = "198.51.100.66, 203.0.113.7";
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        await middleware.Invoke(context);
        return context;
    }
}
