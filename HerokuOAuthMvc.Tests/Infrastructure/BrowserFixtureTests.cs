namespace HerokuOAuthMvc.Tests.Infrastructure;

[Trait("Category", "Slow")]
public sealed class BrowserFixtureTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// A Chromium that renames the features turned off in <see cref="BrowserFixture"/> would bring back two hidden
    /// renderers per context without failing anything else; this is where that shows.
    /// </summary>
    [BrowserFact]
    public async Task A_context_of_the_runs_browser_has_its_page_and_no_hidden_address_bar_popups()
    {
        using var app = new KestrelAppFactory();
        var address = app.Start();
        var page = await browser.NewPageAsync(address);
        await page.GotoAsync("/");

        var session = await page.Context.Browser!.NewBrowserCDPSessionAsync();
        var targets = (await session.SendAsync("Target.getTargets"))!.Value.GetProperty("targetInfos").EnumerateArray()
            .Select(target => target.GetProperty("url").GetString() ?? string.Empty)
            .ToList();

        Assert.Contains(targets, url => url.StartsWith(address.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(targets, url => url.StartsWith("chrome://", StringComparison.Ordinal));
    }
}
