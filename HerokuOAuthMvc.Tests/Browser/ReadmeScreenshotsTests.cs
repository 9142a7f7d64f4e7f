using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Browser;

/// <summary>
/// The README's five pictures (<c>docs/*.png</c>), taken from the pages as they are by these tests alone; with
/// <c>UPDATE_SCREENSHOTS=1</c> (<c>docs/screenshots.sh</c>) they replace the committed ones. The app runs as
/// <c>dotnet run</c> starts it, through the local stand-in, with <c>Heroku:Scope</c> "identity read" so that the
/// greeting shows its link to the apps page; each test checks the page shows what the README's alt text says.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ReadmeScreenshotsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    /// <summary>The scope the README's pictures are taken with (README, under the pictures).</summary>
    public const string Scope = "identity read";

    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private Uri Start()
    {
        _app.With("Heroku:Scope", Scope);
        return _app.Start();
    }

    [BrowserFact]
    public async Task The_sign_in_picture_shows_the_button_and_that_the_app_will_see_the_account_and_the_apps()
    {
        var page = await browser.NewPageAsync(Start());

        await page.GotoAsync("/");

        await Assertions.Expect(page.SignInButton()).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("your apps");
        await Screenshots.SaveForReadmeAsync(page, "sign-in");
    }

    [BrowserTheory]
    [InlineData("greeting", "light", 1280, 720)]
    [InlineData("greeting-dark", "dark", 1280, 720)]
    [InlineData("greeting-phone", "light", 320, 568)]
    public async Task The_greeting_pictures_show_one_Sign_out_control_and_the_link_to_the_apps_page(string picture, string theme, int width, int height)
    {
        var page = await browser.NewPageAsync(Start(), new()
        {
            ColorScheme = theme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            ViewportSize = new() { Width = width, Height = height },
        });

        await page.SignInAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", theme);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Your apps", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refresh", Exact = true })).ToBeVisibleAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The greeting scrolls sideways at {width} px: {widths[0]} px of content.");
        await Screenshots.SaveForReadmeAsync(page, picture);
    }

    [BrowserFact]
    public async Task The_declined_picture_shows_what_happened_and_Sign_in_with_Heroku_as_the_next_step()
    {
        var page = await browser.NewPageAsync(Start());

        await page.GotoAsync("/");
        await page.SignInButton().ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Heading()).ToHaveTextAsync("You declined access");
        await Assertions.Expect(page.SignInButton()).ToBeVisibleAsync();
        await Screenshots.SaveForReadmeAsync(page, "declined");
    }
}
