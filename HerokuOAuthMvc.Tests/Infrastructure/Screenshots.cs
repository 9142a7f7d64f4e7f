using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// Browser tests save what a person saw under the test output; with <c>UPDATE_SCREENSHOTS=1</c> they also refresh
/// the README's pictures in <c>docs/</c>.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = output, FullPage = true });

        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
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
