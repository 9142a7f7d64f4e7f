using System.Reflection;
using System.Text.RegularExpressions;

namespace AspNet.Security.OAuth.Heroku.Infrastructure;

/// <summary>
/// The library packed with <c>dotnet pack -c Release</c> into a folder of its own, once for the tests that use it; the
/// build's intermediate files go to the same temporary folder, so the repository's <c>obj/</c> is left alone.
/// </summary>
public sealed partial class PackedLibrary : IAsyncLifetime
{
    public const string PackageId = "AspNet.Security.OAuth.Heroku";

    /// <summary>A folder of the test's own under the temp folder, outside the repository.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"{PackageId}-package-{Guid.NewGuid():N}");

    /// <summary>The folder <c>dotnet pack</c> wrote the packages to, used as a NuGet source.</summary>
    public string Feed => Path.Combine(Root, "feed");

    public string Version { get; private set; } = string.Empty;

    public string Package => Path.Combine(Feed, $"{PackageId}.{Version}.nupkg");

    public string SymbolPackage => Path.Combine(Feed, $"{PackageId}.{Version}.snupkg");

    public static string RepositoryRoot { get; } = typeof(PackedLibrary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot, PackageId, $"{PackageId}.csproj");
        await Dotnet.RunAsync(RepositoryRoot, TimeSpan.FromMinutes(5), null,
            "pack", project, "-c", "Release", "-o", Feed, "--artifacts-path", Path.Combine(Root, "artifacts"));

        var packages = Directory.GetFiles(Feed, "*.nupkg").Select(Path.GetFileName).ToList();
        var package = Assert.Single(packages);
        Version = PackageFile().Match(package!) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"Not {PackageId}'s package: {package}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"^AspNet\.Security\.OAuth\.Heroku\.(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex PackageFile();
}
