using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// Browser tests save what a person saw under the test output; with <c>UPDATE_SCREENSHOTS=1</c> they also refresh
/// the README's pictures in <c>docs/</c>.
/// </summary>
public static class Screenshots
{
    /// <param name="forReadme">Whether the picture is one of the README's; the others stay under the test output.</param>
    public static async Task SaveAsync(IPage page, string name, bool forReadme = true)
    {
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = output, FullPage = true });

        if (forReadme && Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(output, Path.Combine(RepositoryRoot(), "docs", name + ".png"), overwrite: true);
        }
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HerokuOAuthMvc.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (HerokuOAuthMvc.sln) was not found.");
    }
}
