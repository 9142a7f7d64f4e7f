namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// A test that drives Debian's Chromium. Skipped on a developer machine without it; on CI (<c>CI=true</c>)
/// it runs regardless, so a missing browser fails the build instead of hiding the tests.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute() => Skip = SkipReason;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a browser test cannot run here, or null when it must.</summary>
    internal static string? SkipReason =>
        !File.Exists(ChromiumPath) && !IsCi ? $"Chromium is not installed at {ChromiumPath} (apt-get install chromium)." : null;
}

/// <summary>A <see cref="BrowserFactAttribute"/> with data: the same browser test for each case.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = BrowserFactAttribute.SkipReason;
}
