using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Hosting;

internal static class Greetings
{
    /// <summary>
    /// Loads the greeting from each dyno in turn (the router held to that dyno, as a page's own requests would
    /// otherwise decide who serves it) and checks every dyno knew the session; then the dynos take turns again.
    /// </summary>
    public static async Task AssertOnEveryDynoAsync(HerokuApp heroku, Func<Task<string>> loadGreeting)
    {
        try
        {
            foreach (var dyno in heroku.Dynos)
            {
                heroku.Router.RouteTo([dyno.Address]);
                Assert.Contains("Hello, Ada Lovelace", await loadGreeting(), StringComparison.Ordinal);
                Assert.Equal(dyno.Address, heroku.Router.ServedRequests.Last(r => r.Path == "/user").Dyno);
            }
        }
        finally
        {
            heroku.Router.RouteTo([.. heroku.Dynos.Select(dyno => dyno.Address)]);
        }
    }

    /// <summary>
    /// A person in Chromium signs in over https through the router, is greeted by every dyno in turn with a Secure,
    /// HttpOnly, Lax session cookie, and is still signed in after every dyno restarts; no page breaks the CSP.
    /// </summary>
    public static async Task AssertChromiumSignInSurvivesRestartsAsync(BrowserFixture browser, HerokuApp heroku)
    {
        var page = await browser.NewPageAsync(heroku.Router.BaseAddress, new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var greeting = page.Heading();
        var policyViolations = PageAudit.RecordCspViolations(page);

        await page.GotoAsync("/");
        await page.SignInButton().ClickAsync();
        await Assertions.Expect(greeting).ToHaveTextAsync("Hello, Ada Lovelace");
        Assert.Equal(new Uri(heroku.Router.BaseAddress, "user").AbsoluteUri, page.Url);

        var session = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "__Host-heroku-oauth-mvc");
        Assert.Equal("/", session.Path);
        Assert.True(session.Secure);
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        await AssertOnEveryDynoAsync(heroku, async () =>
        {
            await page.ReloadAsync();
            return await greeting.TextContentAsync() ?? string.Empty;
        });

        await heroku.RestartAllAsync();

        await page.ReloadAsync();
        await Assertions.Expect(greeting).ToHaveTextAsync("Hello, Ada Lovelace");
        Assert.Empty(policyViolations);
    }
}
