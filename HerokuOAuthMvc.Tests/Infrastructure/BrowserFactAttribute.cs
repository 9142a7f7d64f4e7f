namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// A test that drives Debian's Chromium. Skipped on a developer machine without it; on CI (<c>CI=true</c>)
/// it runs regardless, so a missing browser fails the build instead of hiding the tests.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute() => Skip = SkipReason;

    /// <summary>Why a browser test cannot run here, or null when it must.</summary>
    internal static string? SkipReason => RequiredTool.SkipReason(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath} (apt-get install chromium).");
}

/// <summary>A <see cref="BrowserFactAttribute"/> with data: the same browser test for each case.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = BrowserFactAttribute.SkipReason;
}

/// <summary>When a test that needs a tool from Debian (Chromium, redis-server) may be skipped.</summary>
public static class RequiredTool
{
    /// <summary>Set by Heroku CI in every test run (as <c>HEROKU_TEST_RUN_ID</c>), whether or not it also sets <c>CI</c>.</summary>
    public const string HerokuTestRunVariable = "HEROKU_TEST_RUN_ID";

    /// <summary>Why a test needing a missing tool is skipped here, or null when it must run (and fail if the tool is missing).</summary>
    public static string? SkipReason(bool installed, string missing) =>
        SkipReason(installed, missing, Environment.GetEnvironmentVariable("CI"), Environment.GetEnvironmentVariable(HerokuTestRunVariable));

    /// <summary>
    /// On CI (<c>CI=true</c>) every test runs, so a missing tool fails the build instead of hiding tests. Heroku CI is the
    /// one CI whose dynos cannot have Chromium or redis-server: there the tests that need them are skipped, saying that
    /// the full CI (.ci/run, the GitHub workflow) runs them.
    /// </summary>
    internal static string? SkipReason(bool installed, string missing, string? ci, string? herokuTestRunId) =>
        installed ? null
        : !string.IsNullOrEmpty(herokuTestRunId) ? $"Heroku CI: {missing} Heroku CI runs the tests that need no Debian tools; .ci/run and the GitHub workflow run this one."
        : string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) ? null
        : missing;
}
