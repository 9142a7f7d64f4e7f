using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Browser;

[Trait("Category", "Slow")]
public sealed class ColorModeBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [BrowserFact]
    public async Task A_visitor_whose_system_is_dark_gets_the_dark_theme()
    {
        var page = await browser.NewPageAsync(_app.Start(), new() { ColorScheme = ColorScheme.Dark });
        var csp = PageAudit.RecordCspViolations(page);

        await page.SignInAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "dark");
        Assert.True(await BackgroundLuminanceAsync(page) < 0.1, "The dark theme's background is not dark.");
        Assert.Empty(csp);
        await Screenshots.SaveAsync(page, "greeting-dark");
    }

    [BrowserFact]
    public async Task A_visitor_whose_system_is_light_gets_the_light_theme()
    {
        var page = await browser.NewPageAsync(_app.Start(), new() { ColorScheme = ColorScheme.Light });

        await page.GotoAsync("/");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "light");
        Assert.True(await BackgroundLuminanceAsync(page) > 0.8, "The light theme's background is not light.");
    }

    [BrowserFact]
    public async Task The_page_follows_the_system_when_it_switches_between_light_and_dark()
    {
        var page = await browser.NewPageAsync(_app.Start(), new() { ColorScheme = ColorScheme.Light });
        await page.GotoAsync("/");

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "dark");

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", "light");
    }

    /// <summary>The relative luminance (0 black, 1 white) of the body's computed background colour.</summary>
    private static Task<double> BackgroundLuminanceAsync(IPage page) =>
        page.EvaluateAsync<double>(
            """
            () => {
              const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number)
                .map(c => c / 255).map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            }
            """);
}
