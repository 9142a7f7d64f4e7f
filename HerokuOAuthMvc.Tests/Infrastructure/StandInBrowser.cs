using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>A person's steps through the app and its local stand-in for Heroku, in a browser.</summary>
public static class StandInBrowser
{
    public const string Greeting = "Hello, developer@example.com";

    public static ILocator SignInButton(this IPage page) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Heroku", Exact = true });

    public static ILocator Heading(this IPage page) =>
        page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>Signs in from the home page, pressing Allow on the stand-in's consent page, and waits for the greeting.</summary>
    public static async Task SignInAsync(this IPage page)
    {
        await page.GotoAsync("/");
        await page.SignInButton().ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Heading()).ToHaveTextAsync(Greeting);
    }
}
