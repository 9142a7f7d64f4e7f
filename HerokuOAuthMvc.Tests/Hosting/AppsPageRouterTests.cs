using System.Net;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>The optional apps page in the published app (buildpack publish, Procfile, Production) behind the TLS router stand-in, in Chromium.</summary>
[Trait("Category", "Slow")]
public sealed class AppsPageRouterTests(PublishedApp app, BrowserFixture browser) : IClassFixture<PublishedApp>, IClassFixture<BrowserFixture>
{
    [BrowserTheory]
    [InlineData("identity read")]
    [InlineData("global")]
    public async Task With_a_scope_that_can_read_apps_a_person_goes_from_the_greeting_to_their_apps(string scope)
    {
        await using var heroku = await StartAsync(scope);
        var page = await browser.NewPageAsync(heroku.Router.BaseAddress, new BrowserNewContextOptions { IgnoreHTTPSErrors = true, Locale = "en-GB" });
        var policyViolations = PageAudit.RecordCspViolations(page);

        await page.GotoAsync("/");
        await page.SignInButton().ClickAsync();
        await Assertions.Expect(page.Heading()).ToHaveTextAsync("Hello, Ada Lovelace");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your apps", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Heading()).ToHaveTextAsync("Your apps");
        Assert.Equal(new Uri(heroku.Router.BaseAddress, "apps").AbsoluteUri, page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "ada-notes", Exact = true })).ToHaveAttributeAsync("href", "https://ada-notes-0123456789ab.herokuapp.com/");
        // Part of the text on purpose: the culture's long date may add the weekday.
        await Assertions.Expect(page.GetByText("20 November 2026 10:00 UTC", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Equal(1, heroku.Heroku.Heroku.CountOf(HttpMethod.Get, FakeHeroku.ApiBase + "apps"));
        Assert.Empty(policyViolations);
    }

    [BrowserFact]
    public async Task With_the_identity_scope_the_apps_page_is_a_404_and_the_greeting_does_not_link_to_it()
    {
        await using var heroku = await StartAsync("identity");
        var page = await browser.NewPageAsync(heroku.Router.BaseAddress, new BrowserNewContextOptions { IgnoreHTTPSErrors = true });

        await page.GotoAsync("/");
        await page.SignInButton().ClickAsync();
        await Assertions.Expect(page.Heading()).ToHaveTextAsync("Hello, Ada Lovelace");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Your apps", Exact = true })).ToHaveCountAsync(0);
        var apps = await page.GotoAsync("/apps");

        Assert.Equal((int)HttpStatusCode.NotFound, apps!.Status);
        await Assertions.Expect(page.Heading()).ToHaveTextAsync("Page not found");
        Assert.Equal(0, heroku.Heroku.Heroku.CountOf(HttpMethod.Get, FakeHeroku.ApiBase + "apps"));
    }

    private async Task<HerokuApp> StartAsync(string scope)
    {
        var config = DynoConfig.WithCookieSecret();
        config["Heroku__Scope"] = scope;
        var heroku = await HerokuApp.StartAsync(app, dynos: 1, config);
        heroku.Heroku.Heroku.GrantedScope = scope;
        heroku.Heroku.Heroku.OnPlatformApi(HttpMethod.Get, "apps", "read", _ => FakeHeroku.Json(HttpStatusCode.OK, new object[]
        {
            new { id = "1", name = "ada-notes", web_url = "https://ada-notes-0123456789ab.herokuapp.com/", updated_at = "2026-11-20T10:00:00Z" },
        }));
        return heroku;
    }
}
