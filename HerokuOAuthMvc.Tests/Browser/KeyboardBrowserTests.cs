using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Browser;

[Trait("Category", "Slow")]
public sealed class KeyboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [BrowserFact]
    public async Task With_the_keyboard_alone_a_person_signs_in_refreshes_and_signs_out()
    {
        var page = await browser.NewPageAsync(_app.Start());
        var csp = PageAudit.RecordCspViolations(page);
        await page.GotoAsync("/");

        await TabToAsync(page, "Sign in with Heroku");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Heading()).ToHaveTextAsync("Allow HerokuOAuthMvc to access your account?");

        await TabToAsync(page, "Allow");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Heading()).ToHaveTextAsync(StandInBrowser.Greeting);

        await TabToAsync(page, "Refresh");
        await page.EvaluateAsync("() => document.body.dataset.beforeRefresh = 'yes'");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("body[data-before-refresh]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Heading()).ToHaveTextAsync(StandInBrowser.Greeting);
        Assert.EndsWith("/user", page.Url, StringComparison.Ordinal);

        await TabToAsync(page, "Sign out");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.SignInButton()).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToHaveCountAsync(0);

        Assert.Empty(csp);
    }

    [BrowserFact]
    public async Task The_first_Tab_offers_a_skip_link_that_moves_focus_to_the_main_content()
    {
        var page = await browser.NewPageAsync(_app.Start());
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content", Exact = true });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
    }

    /// <summary>Presses Tab until the control named <paramref name="name"/> has focus, and checks that the focus shows.</summary>
    private static async Task TabToAsync(IPage page, string name)
    {
        for (var presses = 0; presses < 30; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string?>("() => document.activeElement?.textContent?.trim()");
            if (focused == name)
            {
                var ring = await page.EvaluateAsync<string>(
                    "() => { const s = getComputedStyle(document.activeElement); return `${s.outlineStyle} ${s.outlineWidth}`; }");
                Assert.True(ring == "solid 3px", $"{name} has keyboard focus but no clear focus ring (outline: {ring}).");
                await Screenshots.SaveAsync(page, $"focus-{name.Replace(' ', '-')}");
                return;
            }
        }

        Assert.Fail($"Tab never reached {name}.");
    }
}
