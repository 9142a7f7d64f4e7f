using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HerokuOAuthMvc.Tests.Infrastructure;

/// <summary>
/// The app published exactly as the heroku/dotnet buildpack does it, from a copy of the repository, once per test run
/// (and kept in the temp folder until the sources change), with the Procfile's <c>web:</c> command ready to start.
/// A class fixture, so the classes that run dynos run in parallel; they all wait for the run's one publish.
/// </summary>
public sealed partial class PublishedApp : IAsyncLifetime
{
    private static readonly Lazy<Task<(string Root, string WebCommand)>> Published = new(PublishOnceAsync);

    /// <summary>
    /// The buildpack's command for a repository with a solution at its root (heroku/buildpacks-dotnet,
    /// buildpacks/dotnet/src/dotnet_sdk_command.rs): Release is <c>dotnet publish</c>'s default, and the intermediate
    /// build goes to a folder outside the slug.
    /// </summary>
    public static string[] BuildpackPublish(string artifacts) =>
        ["publish", "HerokuOAuthMvc.sln", "--runtime", "linux-x64", "-p:PublishDir=bin/publish", "--artifacts-path", artifacts];

    /// <summary>Where the publish left its intermediate build (the buildpack's <c>/tmp/build_artifacts</c>).</summary>
    public string Artifacts => Path.Combine(Root, BuildArtifactsFolder);

    private const string BuildArtifactsFolder = ".build_artifacts";

    private static readonly string[] SkippedFolders = ["bin", "obj"];

    /// <summary>The root of the published copy of the repository: the dyno's <c>/app</c>.</summary>
    public string Root { get; private set; } = string.Empty;

    /// <summary>The Procfile's <c>web:</c> command, run with bash as Heroku does.</summary>
    public string WebCommand { get; private set; } = string.Empty;

    public async Task InitializeAsync() => (Root, WebCommand) = await Published.Value;

    public Task DisposeAsync() => Task.CompletedTask;

    public static string ParseWebCommand(string procfile) =>
        procfile.Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("web:", StringComparison.Ordinal))?["web:".Length..].Trim()
        ?? throw new InvalidOperationException("The Procfile declares no web process.");

    private static async Task<(string Root, string WebCommand)> PublishOnceAsync()
    {
        var repository = Screenshots.RepositoryRoot();
        var sources = Sources(repository).ToList();
        var cache = Path.Combine(Path.GetTempPath(), "HerokuOAuthMvc-publish");
        var root = Path.Combine(cache, Fingerprint(repository, sources));

        if (!File.Exists(Path.Combine(root, "HerokuOAuthMvc", "bin", "publish", "HerokuOAuthMvc")))
        {
            await PublishAsync(repository, sources, cache, root);
        }

        return (root, ParseWebCommand(await File.ReadAllTextAsync(Path.Combine(root, "Procfile"))));
    }

    private static async Task PublishAsync(string repository, List<string> sources, string cache, string root)
    {
        var staging = root + ".staging-" + Guid.NewGuid().ToString("N");
        foreach (var source in sources)
        {
            var target = Path.Combine(staging, Path.GetRelativePath(repository, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        var publish = new ProcessStartInfo("dotnet") { WorkingDirectory = staging, RedirectStandardOutput = true, RedirectStandardError = true };

        // The same command, but no MSBuild, compiler or Razor server may outlive the test run.
        publish.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        publish.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        publish.Environment["UseSharedCompilation"] = "false";
        publish.Environment["UseRazorBuildServer"] = "false";
        // A publish lives seconds: profile-guided re-JITs cost it more CPU than they pay back.
        publish.Environment["DOTNET_TieredPGO"] = "0";
        var command = BuildpackPublish(Path.Combine(staging, BuildArtifactsFolder));
        foreach (var argument in command)
        {
            publish.ArgumentList.Add(argument);
        }

        using var process = Process.Start(publish)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', command)} failed:\n{await output}\n{await errors}");

        // The new publish moves into place whole. Publishes of older sources go once no run can still be using them
        // (other worktrees on the machine share the cache).
        var stale = Directory.EnumerateDirectories(cache)
            .Where(d => d != staging && Directory.GetLastWriteTimeUtc(d) < DateTime.UtcNow.AddHours(-6));
        foreach (var directory in stale)
        {
            Directory.Delete(directory, recursive: true);
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.Move(staging, root);
    }

    // What the build depends on: the root's build settings and Procfile, and every project of the solution; a test
    // project takes part in restore only (it is not publishable and nothing references it), so its project file is
    // enough. The provider's library is not publishable either, but the app references it: its sources are built.
    private static IEnumerable<string> Sources(string repository)
    {
        var rootFiles = Directory.EnumerateFiles(repository)
            .Where(f => Path.GetExtension(f) is ".sln" or ".slnx" or ".props" or ".targets" or ".json" || Path.GetFileName(f) is "Procfile" or "NuGet.config");
        var projects = SolutionProject().Matches(File.ReadAllText(Path.Combine(repository, "HerokuOAuthMvc.sln")))
            .Select(match => Path.Combine(repository, match.Groups[1].Value.Replace('\\', Path.DirectorySeparatorChar)))
            .SelectMany(project => File.ReadAllText(project).Contains("<IsTestProject>true</IsTestProject>", StringComparison.Ordinal)
                ? [project]
                : Directory.EnumerateFiles(Path.GetDirectoryName(project)!, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetRelativePath(repository, f).Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains)));
        return rootFiles.Concat(projects).Order(StringComparer.Ordinal);
    }

    private static string Fingerprint(string repository, IEnumerable<string> sources)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var source in sources)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(repository, source)));
            hash.AppendData(File.ReadAllBytes(source));
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }

    [GeneratedRegex(@"Project\(""[^""]+""\) = ""[^""]+"", ""([^""]+\.csproj)""")]
    private static partial Regex SolutionProject();
}
