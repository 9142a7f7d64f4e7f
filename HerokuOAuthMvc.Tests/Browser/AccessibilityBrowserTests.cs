using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Browser;

[Trait("Category", "Slow")]
public sealed class AccessibilityBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [BrowserTheory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Every_page_and_state_has_no_WCAG_2_1_A_or_AA_violations(ColorScheme scheme)
    {
#if (appsPage)
        _app.With("Heroku:Scope", "identity read");
#endif
        var page = await NewPageAsync(_app, scheme);

        await page.GotoAsync("/");
        await AuditAsync(page, "Sign in with your Heroku account", "the sign-in page");

        await page.SignInButton().ClickAsync();
        await AuditAsync(page, "Allow HerokuOAuthMvc to access your account?", "the stand-in's consent page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();
        await AuditAsync(page, StandInBrowser.Greeting, "the greeting page");

#if (appsPage)
        await page.GetByRole(AriaRole.Link, new() { Name = "Your apps", Exact = true }).ClickAsync();
        await AuditAsync(page, "Your apps", "the apps page");
#endif

        await page.GotoAsync("/");
        await AuditAsync(page, "You are signed in", "the home page when signed in");

        await page.GotoAsync("/auth/heroku/failed?reason=rate-limited");
        await AuditAsync(page, "Heroku is rate limiting", "the rate-limited page");

        await page.GotoAsync("/auth/heroku/failed?reason=unavailable");
        await AuditAsync(page, "Heroku is not answering", "the error page");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are signed out");
        await AuditAsync(page, "Sign in with your Heroku account", "the sign-in page after signing out");
        await page.SignInButton().ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny", Exact = true }).ClickAsync();
        await AuditAsync(page, "You declined access", "the declined page");

        await page.GotoAsync("/no-such-page");
        await AuditAsync(page, "Page not found", "the 404 page");
    }

#if (reviewApps)
    [BrowserTheory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task A_review_app_still_waiting_for_its_OAuth_client_has_no_WCAG_2_1_A_or_AA_violations(ColorScheme scheme)
    {
        using var reviewApp = new KestrelAppFactory { Environment = "Production" };
        reviewApp.With("HEROKU_APP_NAME", "herokuoauthmvc-pr-42").With("HEROKU_PR_NUMBER", "42");
        var page = await NewPageAsync(reviewApp, scheme);

        await page.GotoAsync("/");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sign-in is being set up");
        await AuditAsync(page, "Sign in with your Heroku account", "the sign-in page of a review app without a client");
    }
#endif

    // Playwright injects axe as an inline script, which the app's Content-Security-Policy rightly refuses. The audit
    // still fails on markup the policy would block, and the other browser tests run with the policy on.
    private Task<IPage> NewPageAsync(KestrelAppFactory app, ColorScheme scheme) =>
        browser.NewPageAsync(app.Start(), new() { ColorScheme = scheme, BypassCSP = true });

    private static async Task AuditAsync(IPage page, string heading, string state)
    {
        var theme = await page.EvaluateAsync<bool>("() => matchMedia('(prefers-color-scheme: dark)').matches") ? "dark" : "light";
        await Assertions.Expect(page.Heading()).ToHaveTextAsync(heading);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-bs-theme", theme);
        await PageAudit.AssertAccessibleAsync(page, $"{state} ({theme})");
    }
}
