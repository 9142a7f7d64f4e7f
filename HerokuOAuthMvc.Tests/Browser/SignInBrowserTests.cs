using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Browser;

[Trait("Category", "Slow")]
public sealed class SignInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [BrowserFact]
    public async Task A_person_signs_in_through_the_stand_in_is_greeted_and_signs_out()
    {
        var page = await browser.NewPageAsync(_app.Start());

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Heroku", Exact = true })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "sign-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Heroku", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, developer@example.com");
        Assert.EndsWith("/user", page.Url, StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "greeting");

        // One Sign out control on the page: the header's.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Heroku", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are signed out");
        await page.GotoAsync("/user");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Heroku", Exact = true })).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task A_person_who_denies_consent_sees_the_declined_page_and_can_sign_in_again()
    {
        var page = await browser.NewPageAsync(_app.Start());

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Heroku", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You declined access");
        await Screenshots.SaveAsync(page, "declined");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Heroku", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, developer@example.com");
    }
}
