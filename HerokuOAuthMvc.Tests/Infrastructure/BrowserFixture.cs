using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// The run's one headless Debian Chromium, driven by Playwright and launched when the first browser test needs it (never
/// downloaded). Each test gets a context of its own (cookies, storage, colour scheme); a test class's contexts close
/// when the class is done, and <see cref="TestRun"/> closes the browser when the run is.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly Lock Launching = new();
    private static Task<(IPlaywright Playwright, IBrowser Browser)>? _launched;

    /// <summary>
    /// Chromium keeps only the last <c>--disable-features</c>, so this one repeats Playwright's own list (its driver's
    /// <c>disabledFeatures</c>, checked by <see cref="PlaywrightSwitchesTests"/>) and adds the address bar's WebUI popups. New headless Chromium builds a
    /// window for each context, and each window preloads two hidden popups in renderers of their own: about 1 s of CPU
    /// per context, half of all the browser's CPU in this suite, for an address bar no test can see.
    /// </summary>
    internal const string DisabledFeatures = "--disable-features="
        + "AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,DialMediaRouteProvider,GlobalMediaControls,"
        + "HttpsUpgrades,LensOverlay,MediaRouter,PaintHolding,ThirdPartyStoragePartitioning,"
        + "BlockOriginHeaderModificationOnRedirect,AvoidCorsURLLoaderRestartOnRedirect,Translate,AutoDeElevate,"
        + "OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,msForceBrowserSignIn,msEdgeUpdateLaunchServicesPreferredVersion,"
        + "WebUIOmniboxPopup,WebUIOmniboxAimPopup";

    private readonly List<IBrowserContext> _contexts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task<IPage> NewPageAsync(Uri baseAddress, BrowserNewContextOptions? options = null)
    {
        Assert.True(File.Exists(BrowserFactAttribute.ChromiumPath), $"Chromium is required at {BrowserFactAttribute.ChromiumPath}: apt-get install chromium.");
        options ??= new BrowserNewContextOptions();
        options.BaseURL = baseAddress.ToString();
        var (_, browser) = await LaunchOnceAsync();
        var context = await browser.NewContextAsync(options);
        lock (_contexts)
        {
            _contexts.Add(context);
        }

        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }

    internal static async Task CloseTheRunsBrowserAsync()
    {
        if (_launched is { IsCompletedSuccessfully: true } launched)
        {
            var (playwright, browser) = await launched;
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private static Task<(IPlaywright Playwright, IBrowser Browser)> LaunchOnceAsync()
    {
        lock (Launching)
        {
            return _launched ??= LaunchAsync();
        }
    }

    private static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        // Two shared cores on CI: give pages more than Playwright's default 5 s to arrive before an assertion fails.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
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
                DisabledFeatures,
            ],
        });
        return (playwright, browser);
    }
}
