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
        _app.With("Heroku:Scope", "identity read");
        var page = await browser.NewPageAsync(_app.Start(), new() { ViewportSize = new() { Width = width, Height = height } });
        var csp = PageAudit.RecordCspViolations(page);

        await page.GotoAsync("/");
        await AssertFitsAsync(page, "the sign-in page", page.SignInButton());

        await page.SignInButton().ClickAsync();
        await AssertFitsAsync(page, "the consent page", page.GetByRole(AriaRole.Button, new() { Name = "Allow" }));

        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await Assertions.Expect(page.Heading()).ToHaveTextAsync(StandInBrowser.Greeting);
        await AssertFitsAsync(page, "the greeting page", page.Heading());
        if (width == 320)
        {
            await Screenshots.SaveAsync(page, "greeting-phone");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Your apps" }).ClickAsync();
        await Assertions.Expect(page.Heading()).ToHaveTextAsync("Your apps");
        await AssertFitsAsync(page, "the apps page", page.GetByRole(AriaRole.Link, new() { Name = "sample-web" }));

        await page.GotoAsync("/auth/heroku/failed?reason=denied");
        await AssertFitsAsync(page, "the declined page", page.SignInButton());

        await page.GotoAsync("/no-such-page");
        await AssertFitsAsync(page, "the 404 page", page.GetByRole(AriaRole.Link, new() { Name = "Go to the home page" }));

        Assert.Empty(csp);
    }

    /// <summary>No horizontal scrolling, and <paramref name="nextStep"/> wholly inside the first screen.</summary>
    private static async Task AssertFitsAsync(IPage page, string state, ILocator nextStep)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"{state} scrolls sideways: {scrollWidth} px of content in {clientWidth} px.");

        await Assertions.Expect(nextStep).ToBeInViewportAsync(new() { Ratio = 1 });
        await Screenshots.SaveAsync(page, $"{state.Replace(' ', '-')}-{page.ViewportSize!.Width}", forReadme: false);
    }
}
