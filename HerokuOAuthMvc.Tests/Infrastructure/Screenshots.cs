using Microsoft.Playwright;

namespace HerokuOAuthMvc.Tests.Infrastructure;

#if (upstream)
/// <summary>
/// Browser tests save what a person saw under the test output (<c>screenshots/</c>). The README's pictures are taken
/// by <c>Browser/ReadmeScreenshotsTests</c> alone; with <c>UPDATE_SCREENSHOTS=1</c> (<c>docs/screenshots.sh</c>) they
/// also replace the files in <c>docs/</c>.
/// </summary>
#else
/// <summary>Browser tests save what a person saw under the test output (<c>screenshots/</c>).</summary>
#endif
public static class Screenshots
{
    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = OutputPath(name), FullPage = true });
#if (upstream)

    /// <summary>One of the README's pictures, <c>docs/<paramref name="name"/>.png</c>.</summary>
    public static async Task SaveForReadmeAsync(IPage page, string name)
    {
        var output = OutputPath(Path.Combine("readme", name));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = output, FullPage = true });

        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            File.Copy(output, Path.Combine(RepositoryRoot(), "docs", name + ".png"), overwrite: true);
        }
    }
#endif

    private static string OutputPath(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");

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
