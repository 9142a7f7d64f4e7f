using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Browser;

[Trait("Category", "Slow")]
public sealed class LayoutBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [BrowserTheory]
    [InlineData(320, 568)]
    [InlineData(768, 1024)]
    [InlineData(1280, 800)]
    public async Task Every_page_fits_the_width_and_shows_its_next_step_without_scrolling(int width, int height)
    {
#if (appsPage)
        _app.With("Heroku:Scope", "identity read");
#endif
        var page = await browser.NewPageAsync(_app.Start(), new() { ViewportSize = new() { Width = width, Height = height } });
        var csp = PageAudit.RecordCspViolations(page);

        await page.GotoAsync("/");
        await AssertFitsAsync(page, "the sign-in page", page.SignInButton());

        await page.SignInButton().ClickAsync();
        await AssertFitsAsync(page, "the consent page", page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }));

        await page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Heading()).ToHaveTextAsync(StandInBrowser.Greeting);
        await AssertFitsAsync(page, "the greeting page", page.Heading());
        if (width == 320)
        {
            await Screenshots.SaveAsync(page, "greeting-phone");
        }

#if (appsPage)
        await page.GetByRole(AriaRole.Link, new() { Name = "Your apps", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Heading()).ToHaveTextAsync("Your apps");
        await AssertFitsAsync(page, "the apps page", page.GetByRole(AriaRole.Link, new() { Name = "sample-web", Exact = true }));
#endif

        await page.GotoAsync("/auth/heroku/failed?reason=denied");
        await AssertFitsAsync(page, "the declined page", page.SignInButton());

        await page.GotoAsync("/no-such-page");
        await AssertFitsAsync(page, "the 404 page", page.GetByRole(AriaRole.Link, new() { Name = "Go to the home page", Exact = true }));

        Assert.Empty(csp);
    }

#if (appsPage)
    [BrowserFact]
    public async Task A_forkers_new_link_whose_name_holds_an_apps_name_leaves_the_tests_locators_one_element_each()
    {
        _app.With("Heroku:Scope", "identity read");
        var page = await browser.NewPageAsync(_app.Start());
        await page.SignInAsync();

        // As a forker's dynos page would add them: "Dynos of sample-web" beside each app, "Your apps' dynos" beside the
        // apps link. The loose locators now find more than one element (the strict-mode failure); the exact ones, one.
        await page.EvaluateAsync("""
            () => {
              const beside = (link, name) => link.insertAdjacentHTML('afterend', ` <a href="#">${name}</a>`);
              beside([...document.querySelectorAll('a')].find(a => a.textContent === 'Your apps'), "Your apps' dynos");
            }
            """);
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Your apps", Exact = false }).CountAsync() > 1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Your apps", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Heading()).ToHaveTextAsync("Your apps");
        await page.EvaluateAsync("""
            () => document.querySelectorAll('li a').forEach(a => a.insertAdjacentHTML('afterend', ` <a href="#">Dynos of ${a.textContent}</a>`))
            """);
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "sample-web", Exact = false }).CountAsync() > 1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "sample-web", Exact = true })).ToHaveCountAsync(1);
    }

#endif
    /// <summary>No horizontal scrolling, and <paramref name="nextStep"/> wholly inside the first screen.</summary>
    private static async Task AssertFitsAsync(IPage page, string state, ILocator nextStep)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"{state} scrolls sideways: {scrollWidth} px of content in {clientWidth} px.");

        await Assertions.Expect(nextStep).ToBeInViewportAsync(new() { Ratio = 1 });
        await Screenshots.SaveAsync(page, $"{state.Replace(' ', '-')}-{page.ViewportSize!.Width}");
    }
}
