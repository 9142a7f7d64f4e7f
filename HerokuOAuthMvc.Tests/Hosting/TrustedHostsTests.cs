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
    public async Task A_forged_host_gets_a_plain_page_over_the_wire_saying_the_site_is_not_served_under_that_name_without_echoing_it()
    {
        using var factory = KestrelAppFactory.Production();
        factory.With(TrustedHostsExtensions.AllowedHostsVariable, "127.0.0.1");
        var address = factory.Start();

        var forged = await RawHttp.SendAsync(address, "GET /user?next=%3Cb%3E HTTP/1.1\r\nHost: evil-forged.example\r\nX-Request-Id: forged-request-id");
        var listed = await RawHttp.SendAsync(address, "GET / HTTP/1.1");

        Assert.Equal("HTTP/1.1 400 Bad Request", forged.StatusLine);
        Assert.Contains("\r\nContent-Type: text/html; charset=utf-8", forged.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\r\nContent-Security-Policy: default-src 'self'", forged.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\r\nX-Content-Type-Options: nosniff", forged.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\r\nX-Frame-Options: DENY", forged.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"<h1>{TrustedHostsExtensions.UnknownHostSentence}</h1>", forged.Body, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", forged.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil-forged", forged.Head + forged.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", forged.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("forged-request-id", forged.Body, StringComparison.Ordinal);
        Assert.Null(forged.Location);
        Assert.Equal(200, listed.Status);
    }

    [Fact]
    public async Task At_start_one_log_line_names_the_hosts_the_app_answers_to_and_the_variable_that_adds_a_custom_domain()
    {
        await using var factory = new HerokuAppFactory();
        factory.With(TrustedHostsExtensions.AllowedHostsVariable, "www.example.com; myapp-0123456789ab.herokuapp.com");
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://www.example.com/") });

        using var home = await client.GetAsync("/");

        var line = Assert.Single(factory.Logs.Lines, line => line.Category == typeof(TrustedHostsExtensions).FullName);
        Assert.Equal(
            "The app answers to the host names www.example.com, myapp-0123456789ab.herokuapp.com; any other name gets the \"not served under that name\" page (400). To add a custom domain, set ALLOWED_HOSTS to it and these, separated by ; or ,.",
            line.Message);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public void The_start_up_line_bounds_a_long_list()
    {
        using var factory = new HerokuAppFactory();
        factory.With(TrustedHostsExtensions.AllowedHostsVariable, string.Join(';', Enumerable.Range(1, 13).Select(n => $"h{n}.example")));
        factory.CreateClient().Dispose();

        var line = Assert.Single(factory.Logs.Lines, line => line.Category == typeof(TrustedHostsExtensions).FullName).Message;
        Assert.StartsWith("The app answers to the host names h1.example, h2.example, ", line, StringComparison.Ordinal);
        Assert.Contains(", h10.example and 3 more;", line, StringComparison.Ordinal);
        Assert.DoesNotContain("h11.example", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_name_that_is_no_host_name_stops_the_start_naming_the_variable_with_the_value_escaped()
    {
        using var factory = new HerokuAppFactory();
        factory.With(TrustedHostsExtensions.AllowedHostsVariable, "www.example.com;bad\u202Ename.example");

        var refused = factory.StartupFailure();

        var message = (refused as InvalidOperationException ?? refused.InnerException)!.Message;
        Assert.Equal("ALLOWED_HOSTS (or AllowedHosts) lists \"bad\\u202Ename.example\", which is not a host name: list names such as www.example.com, separated by ; or ,.", message);
    }

    [Fact]
    public void With_no_host_configured_the_start_up_line_says_any_host_is_answered_and_which_variable_limits_it()
    {
        using var factory = new HerokuAppFactory();
        factory.CreateClient().Dispose();

        var line = Assert.Single(factory.Logs.Lines, line => line.Category == typeof(TrustedHostsExtensions).FullName).Message;
        Assert.Equal(
            "The app answers to any host name: none is set in ALLOWED_HOSTS or AllowedHosts, nor in HEROKU_APP_DEFAULT_DOMAIN_NAME on a dyno. To limit it to yours, custom domains included, set ALLOWED_HOSTS.",
            line);
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
