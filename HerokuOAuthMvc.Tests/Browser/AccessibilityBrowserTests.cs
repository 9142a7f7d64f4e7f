using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Browser;

public sealed class AccessibilityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [BrowserTheory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Every_page_and_state_has_no_WCAG_2_1_A_or_AA_violations(ColorScheme scheme)
    {
        // Playwright injects axe as an inline script, which the app's Content-Security-Policy rightly refuses. The
        // audit still fails on markup the policy would block, and the other browser tests run with the policy on.
        var page = await browser.NewPageAsync(_app.Start(), new() { ColorScheme = scheme, BypassCSP = true });
        var theme = scheme == ColorScheme.Dark ? "dark" : "light";

        async Task AuditAsync(string heading, string state)
        {
            await Assertions.Expect(page.Heading()).ToHaveTextAsync(heading);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", theme);
            await PageAudit.AssertAccessibleAsync(page, $"{state} ({theme})");
        }

        await page.GotoAsync("/");
        await AuditAsync("Sign in with your Heroku account", "the sign-in page");

        await page.SignInButton().ClickAsync();
        await AuditAsync("Allow HerokuOAuthMvc to access your account?", "the stand-in's consent page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await AuditAsync(StandInBrowser.Greeting, "the greeting page");

        await page.GotoAsync("/");
        await AuditAsync("You are signed in", "the home page when signed in");

        await page.GotoAsync("/auth/heroku/failed?reason=rate-limited");
        await AuditAsync("Heroku is rate limiting", "the rate-limited page");

        await page.GotoAsync("/auth/heroku/failed?reason=unavailable");
        await AuditAsync("Heroku is not answering", "the error page");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.SignInButton().ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();
        await AuditAsync("You declined access", "the declined page");

        await page.GotoAsync("/no-such-page");
        await AuditAsync("Page not found", "the 404 page");
    }
}
