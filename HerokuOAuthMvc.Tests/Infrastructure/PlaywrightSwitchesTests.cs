using System.Text.RegularExpressions;

namespace HerokuOAuthMvc.Tests.Infrastructure;

public sealed partial class PlaywrightSwitchesTests
{
    /// <summary>
    /// The browser's <c>--disable-features</c> replaces Playwright's own, so a Playwright update that turns off one more
    /// Chromium feature (its list carries workarounds for Chromium changes) must be copied into it; this says which.
    /// </summary>
    [Fact]
    public void The_browsers_disabled_features_keep_every_one_Playwrights_driver_disables()
    {
        var driver = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, ".playwright", "package", "lib", "coreBundle.js"));
        var list = DriverList().Match(driver);
        Assert.True(list.Success, "Playwright's driver no longer has a disabledFeatures list: see how it passes --disable-features now.");

        var playwrights = Quoted().Matches(list.Groups[1].Value).Select(match => match.Groups[1].Value).ToList();
        var ours = BrowserFixture.DisabledFeatures["--disable-features=".Length..].Split(',');

        Assert.Contains("HttpsUpgrades", playwrights);
        Assert.Empty(playwrights.Except(ours));
    }

    [GeneratedRegex(@"disabledFeatures = \[(.*?)\]", RegexOptions.Singleline)]
    private static partial Regex DriverList();

    [GeneratedRegex(@"^\s*""([^""]+)"",?\s*$", RegexOptions.Multiline)]
    private static partial Regex Quoted();
}
