using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HerokuOAuthMvc.Tests.Hosting;

public sealed class PortAndShutdownTests
{
    [Fact]
    public void With_PORT_set_the_app_listens_on_every_IPv4_and_IPv6_address_on_that_port()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["PORT"] = "41234";

        builder.UseHerokuPort();

        Assert.Equal("http://*:41234", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public void Without_PORT_the_usual_defaults_apply()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["PORT"] = null;
        var before = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);

        builder.UseHerokuPort();

        Assert.Equal(before, builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public void A_PORT_that_is_not_a_port_stops_the_app_naming_PORT()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["PORT"] = "eighty";

        var exception = Assert.Throws<InvalidOperationException>(() => builder.UseHerokuPort());

        Assert.Contains("PORT", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shutdown_waits_for_requests_less_than_the_30_seconds_Heroku_allows_after_SIGTERM()
    {
        using var factory = new HerokuAppFactory();

        var timeout = factory.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Assert.InRange(timeout, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(29));
    }
}
