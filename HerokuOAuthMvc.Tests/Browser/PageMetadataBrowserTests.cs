using System.Collections.Concurrent;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Browser;

/// <summary>
/// What Lighthouse's best-practices and SEO audits hold a page to and axe does not: no console error (such as the
/// browser's own request for a missing /favicon.ico), a favicon from wwwroot, and a meta description on every page.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PageMetadataBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly KestrelAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [BrowserFact]
    public async Task Every_page_has_a_favicon_and_a_meta_description_and_logs_no_console_error()
    {
        var page = await browser.NewPageAsync(_app.Start());
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Enqueue($"{page.Url}: {error}");
        page.RequestFailed += (_, request) => errors.Enqueue($"{request.Url}: {request.Failure}");

        await page.GotoAsync("/");
        await AssertMetadataAsync(page, "the sign-in page");

        await page.SignInButton().ClickAsync();
        await AssertMetadataAsync(page, "the stand-in's consent page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Allow", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Heading()).ToHaveTextAsync(StandInBrowser.Greeting);
        await AssertMetadataAsync(page, "the greeting page");

        await page.GotoAsync("/?notice=session-ended");
        await AssertMetadataAsync(page, "the session-ended notice");
        Assert.True(errors.IsEmpty, "The browser logged errors:\n" + string.Join('\n', errors));

        // A failure page answers with its 4xx status, which Chromium reports on the console by design.
        await page.GotoAsync("/auth/heroku/failed?reason=denied");
        await AssertMetadataAsync(page, "the declined page");
    }

    [BrowserFact]
    public async Task The_favicon_a_browser_asks_for_without_reading_the_page_is_served()
    {
        var page = await browser.NewPageAsync(_app.Start());

        var response = await page.APIRequest.GetAsync("/favicon.ico");

        Assert.Equal(200, response.Status);
        Assert.Equal("image/x-icon", response.Headers["content-type"]);
    }

    private static async Task AssertMetadataAsync(IPage page, string state)
    {
        var description = await page.Locator("meta[name=description]").GetAttributeAsync("content");
        Assert.True(description is { Length: >= 50 and <= 160 }, $"{state} needs a meta description of 50 to 160 characters: \"{description}\"");

        var icons = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('link[rel=icon]')].map(link => link.href)");
        Assert.NotEmpty(icons);
        foreach (var icon in icons)
        {
            var response = await page.APIRequest.GetAsync(icon);
            Assert.True(response.Ok, $"{state}'s icon {icon} answered {response.Status}.");
            Assert.StartsWith("image/", response.Headers["content-type"], StringComparison.Ordinal);
        }
    }
}
