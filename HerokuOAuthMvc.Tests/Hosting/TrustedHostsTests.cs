using System.Net;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>Only the hosts the app is known by reach it, so no absolute URL it builds can point at a forged Host.</summary>
public sealed class TrustedHostsTests
{
    private const string DefaultDomain = "myapp-0123456789ab.herokuapp.com";

    [Fact]
    public async Task With_ALLOWED_HOSTS_a_listed_host_signs_in_with_its_own_callback_and_a_forged_one_is_a_bad_request()
    {
        await using var factory = new HerokuAppFactory();
        factory.With(TrustedHostsExtensions.AllowedHostsVariable, "www.example.com; myapp-0123456789ab.herokuapp.com");
        var listed = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://www.example.com/"), AllowAutoRedirect = false });
        var forged = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://evil.example/"), AllowAutoRedirect = false });

        var authorize = await SignInDriver.StartSignInAsync(listed);
        using var forgedHome = await forged.GetAsync("/");
        using var forgedSignIn = await forged.PostAsync("/auth/heroku", new FormUrlEncodedContent([]));

        Assert.Equal("https://www.example.com/auth/heroku/callback", QueryHelpers.ParseQuery(authorize.Query)["redirect_uri"]);
        Assert.Equal(HttpStatusCode.BadRequest, forgedHome.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedSignIn.StatusCode);
        Assert.Null(forgedSignIn.Headers.Location);
    }

    [Fact]
    public async Task On_a_dyno_with_metadata_the_apps_own_domain_is_redirected_to_https_and_a_forged_host_is_a_bad_request()
    {
        await using var factory = new HerokuAppFactory();
        factory.With("DYNO", "web.1").With("COOKIE_SECRET", DynoConfig.CookieSecret).With(TrustedHostsExtensions.DefaultDomainVariable, DefaultDomain);
        var own = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{DefaultDomain}/"), AllowAutoRedirect = false });
        var forged = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/"), AllowAutoRedirect = false });

        using var ownHome = await own.GetAsync("/user?tab=1");
        using var forgedHome = await forged.GetAsync("/user?tab=1");

        Assert.Equal($"https://{DefaultDomain}/user?tab=1", ownHome.Headers.Location?.AbsoluteUri);
        Assert.Equal(HttpStatusCode.BadRequest, forgedHome.StatusCode);
        Assert.Null(forgedHome.Headers.Location);
    }

    [Fact]
    public async Task A_forged_host_gets_a_well_formed_bad_request_over_the_wire()
    {
        using var factory = KestrelAppFactory.Production();
        factory.With(TrustedHostsExtensions.AllowedHostsVariable, "127.0.0.1");
        var address = factory.Start();

        var forged = await RawHttp.SendAsync(address, "GET /user HTTP/1.1\r\nHost: evil.example");
        var listed = await RawHttp.SendAsync(address, "GET / HTTP/1.1");

        Assert.Equal("HTTP/1.1 400 Bad Request", forged.StatusLine);
        Assert.Null(forged.Location);
        Assert.Equal(200, listed.Status);
    }

    public static TheoryData<string, string[]> Settings => new()
    {
        { "", ["*"] },
        { "AllowedHosts=*", ["*"] },
        { "AllowedHosts=*|DYNO=web.1", ["*"] },
        { $"AllowedHosts=*|{TrustedHostsExtensions.DefaultDomainVariable}={DefaultDomain}", ["*"] },
        { $"AllowedHosts=*|DYNO=web.1|{TrustedHostsExtensions.DefaultDomainVariable}={DefaultDomain}", [DefaultDomain] },
        { $"AllowedHosts=*|DYNO=web.1|{TrustedHostsExtensions.DefaultDomainVariable}={DefaultDomain}|ALLOWED_HOSTS=www.example.com,{DefaultDomain}", ["www.example.com", DefaultDomain] },
        { "AllowedHosts=a.example;b.example|ALLOWED_HOSTS=", ["a.example", "b.example"] },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void The_trusted_hosts_come_from_ALLOWED_HOSTS_then_AllowedHosts_then_the_dynos_metadata(string settings, string[] expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Split('|', StringSplitOptions.RemoveEmptyEntries)
                .Select(setting => setting.Split('=', 2))
                .Select(pair => new KeyValuePair<string, string?>(pair[0], pair[1])))
            .Build();

        Assert.Equal(expected, TrustedHostsExtensions.TrustedHosts(configuration));
    }
}
