using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>One headless Debian Chromium, driven by Playwright, shared by a test class. Never downloads a browser.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
        {
            // Skipped tests never touch the fixture's browser; on CI the tests fail on the missing browser.
            return;
        }

        // Two shared cores on CI: give pages more than Playwright's default 5 s to arrive before an assertion fails.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(Uri baseAddress, BrowserNewContextOptions? options = null)
    {
        Assert.True(File.Exists(BrowserFactAttribute.ChromiumPath), $"Chromium is required at {BrowserFactAttribute.ChromiumPath}: apt-get install chromium.");
        options ??= new BrowserNewContextOptions();
        options.BaseURL = baseAddress.ToString();
        var context = await Browser.NewContextAsync(options);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
    }
}
