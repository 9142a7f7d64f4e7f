using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Templates;

/// <summary>
/// <c>dotnet new heroku-oauth-mvc</c> (.template.config/template.json), packed as HerokuOAuthMvc.Templates packs it and
/// installed into a private template hive: a new app with the default options and one with every option changed are
/// renamed throughout, keep or leave out what their options say, build warning-free and pass their own fast tests.
/// </summary>
[Trait("Category", "Slow")]
[StartsFirst]
public sealed partial class TemplateTests(TemplateTests.NewApps apps) : IClassFixture<TemplateTests.NewApps>
{
    private const string Name = "Contoso.Dashboard";

    /// <summary>The one link that names this repository on purpose: the local stand-in's banner points at its README.</summary>
    private const string UpstreamReadme = "github.com/heroku-examples/HerokuOAuthMvc/blob/main/README.md#";

    /// <summary>The provider's library: the package is on no feed, so a new app builds it from source, as it is here.</summary>
    private const string Library = "AspNet.Security.OAuth.Heroku/";

    private const string LibraryTests = "AspNet.Security.OAuth.Heroku.Tests/";

    public static TheoryData<string> Both => ["default", "custom"];

    [Theory]
    [MemberData(nameof(Both))]
    public void The_new_app_is_renamed_in_every_file_name_and_file(string options)
    {
        var app = apps[options];

        Assert.True(File.Exists(Path.Combine(app.Root, Name + ".sln")));
        Assert.True(File.Exists(Path.Combine(app.Root, Name, Name + ".csproj")));
        Assert.True(File.Exists(Path.Combine(app.Root, Name + ".Tests", Name + ".Tests.csproj")));
        Assert.DoesNotContain(app.Files, file => file.Contains("HerokuOAuthMvc", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(app.Files.Where(file => !file.StartsWith(Library, StringComparison.Ordinal) && file != "LICENSE").SelectMany(file => app.Lines(file)
            .Where(line => line.Contains("HerokuOAuthMvc", StringComparison.OrdinalIgnoreCase) && !line.Contains(UpstreamReadme, StringComparison.Ordinal))
            .Select(line => $"{file}: {line.Trim()}")));

        Assert.Equal($"web: cd {Name}/bin/publish && ./{Name} --urls http://*:$PORT", File.ReadAllText(Path.Combine(app.Root, "Procfile")).Trim());
        Assert.StartsWith($"# {Name}\n", File.ReadAllText(Path.Combine(app.Root, "README.md")), StringComparison.Ordinal);
        Assert.Equal(Name, app.AppJson.GetProperty("name").GetString());
        Assert.False(app.AppJson.TryGetProperty("repository", out _));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void The_new_app_keeps_the_provider_library_its_tests_and_the_license_as_they_are_and_references_the_library_from_source(string options)
    {
        var app = apps[options];
        var repository = Screenshots.RepositoryRoot();
        var library = app.Files.Where(file => file.StartsWith(Library, StringComparison.Ordinal)).ToList();

        // MIT asks for the copyright notice to stay with the code: the new app's LICENSE is this one, unrenamed.
        Assert.Equal(File.ReadAllText(Path.Combine(repository, "LICENSE")), app.Text("LICENSE"));

        Assert.Contains(Library + "AspNet.Security.OAuth.Heroku.csproj", library);
        Assert.All(library, file => Assert.Equal(File.ReadAllText(Path.Combine(repository, file)), app.Text(file)));
        Assert.Contains(@"<ProjectReference Include=""..\AspNet.Security.OAuth.Heroku\AspNet.Security.OAuth.Heroku.csproj"" />", app.Text($"{Name}/{Name}.csproj"), StringComparison.Ordinal);
        Assert.Contains(@"""AspNet.Security.OAuth.Heroku\AspNet.Security.OAuth.Heroku.csproj""", app.Text(Name + ".sln"), StringComparison.Ordinal);
        Assert.Contains(@"""AspNet.Security.OAuth.Heroku.Tests\AspNet.Security.OAuth.Heroku.Tests.csproj""", app.Text(Name + ".sln"), StringComparison.Ordinal);

        var projects = SolutionProjects().Matches(app.Text(Name + ".sln")).Select(match => match.Groups[1].Value.Replace('\\', '/')).ToList();
        Assert.Equal([$"{Name}/{Name}.csproj", $"{Name}.Tests/{Name}.Tests.csproj", Library + "AspNet.Security.OAuth.Heroku.csproj", LibraryTests + "AspNet.Security.OAuth.Heroku.Tests.csproj"], projects);
        Assert.All(projects, project => Assert.Contains(project, app.Files));

        var tests = app.Files.Where(file => file.StartsWith(LibraryTests, StringComparison.Ordinal)).ToList();
        Assert.Contains(LibraryTests + "AspNet.Security.OAuth.Heroku.Tests.csproj", tests);
        Assert.All(tests, file => Assert.Equal(File.ReadAllText(Path.Combine(repository, file)).Replace("HerokuOAuthMvc", Name, StringComparison.Ordinal), app.Text(file)));
    }

    [Fact]
    public void Each_new_app_gets_a_UserSecretsId_of_its_own()
    {
        var ids = new[] { Screenshots.RepositoryRoot(), apps["default"].Root, apps["custom"].Root }
            .Select(root => UserSecretsId().Match(File.ReadAllText(Path.Combine(root, ProjectFile(root)))).Groups[1].Value)
            .ToList();

        Assert.All(ids, id => Assert.Matches(@"^[a-z.]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", id));
        Assert.StartsWith("contoso.dashboard-", ids[1], StringComparison.Ordinal);
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void No_template_directive_and_nothing_of_the_repositorys_own_is_left(string options)
    {
        var app = apps[options];

        Assert.Empty(app.Files.SelectMany(file => app.Lines(file).Where(line => Directive().IsMatch(line)).Select(line => $"{file}: {line.Trim()}")));
        Assert.DoesNotContain(app.Files, file => file.StartsWith("bench/results/", StringComparison.Ordinal) || file.EndsWith(".png", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Files, file => file.StartsWith(".template.config/", StringComparison.Ordinal) || file.Contains("Templates", StringComparison.Ordinal));

        var readme = File.ReadAllText(Path.Combine(app.Root, "README.md"));
        Assert.DoesNotContain("docs/", ImageSources().Matches(readme).Select(match => match.Groups[1].Value));
        Assert.DoesNotContain("## Start a new app from this one", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("appsPage;reviewApps;redis", File.ReadAllText(Path.Combine(app.Root, "Directory.Build.props")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app.Root, ".ci", "run")));
        Assert.True(File.Exists(Path.Combine(app.Root, ".github", "workflows", "ci.yml")));
        Assert.True(File.Exists(Path.Combine(app.Root, ".github", "dependabot.yml")));
    }

    [Fact]
    public void By_default_the_new_app_asks_for_identity_and_keeps_review_apps_and_Redis()
    {
        var app = apps["default"];

        Assert.DoesNotContain(app.Files, file => file.Contains("Apps", StringComparison.Ordinal) && !file.Contains("ReviewApps", StringComparison.Ordinal) && !file.Contains("AppJson", StringComparison.Ordinal));
        Assert.DoesNotContain("GetAppsAsync", app.Text($"{Name}/Heroku/HerokuApiClient.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("\"Scope\"", app.Text($"{Name}/appsettings.json"), StringComparison.Ordinal);
        Assert.DoesNotContain("| `GET /apps` |", app.Text("README.md"), StringComparison.Ordinal);

        Assert.Contains($"{Name}/ReviewApps/ReviewAppCommand.cs", app.Files);
        Assert.Contains("ReviewAppCommand.IsInvoked(args)", app.Text($"{Name}/Program.cs"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, app.AppJson.GetProperty("environments").GetProperty("review").ValueKind);
        Assert.Contains("review-app create", app.AppJson.GetProperty("scripts").GetProperty("postdeploy").GetString(), StringComparison.Ordinal);
        Assert.Contains("docs/review-apps.md", app.Files);
        Assert.Contains("](docs/review-apps.md)", app.Text("README.md"), StringComparison.Ordinal);

        Assert.Contains($"{Name}/Authentication/RedisTicketStore.cs", app.Files);
        Assert.Contains("Microsoft.AspNetCore.DataProtection.StackExchangeRedis", app.Text($"{Name}/{Name}.csproj"), StringComparison.Ordinal);
        Assert.Contains("redis-server", app.Text(".ci/run"), StringComparison.Ordinal);
    }

    [Fact]
    public void With_every_option_changed_the_new_app_has_the_apps_page_and_no_review_apps_or_Redis()
    {
        var app = apps["custom"];

        Assert.Contains($"{Name}/Controllers/AppsController.cs", app.Files);
        Assert.Contains($"{Name}/Views/Apps/Index.cshtml", app.Files);
        Assert.Equal("identity read", JsonDocument.Parse(app.Text($"{Name}/appsettings.json")).RootElement.GetProperty("Heroku").GetProperty("Scope").GetString());

        Assert.DoesNotContain(app.Files, file => file.Contains("ReviewApp", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Files, file => file.EndsWith(".cs", StringComparison.Ordinal) && app.Text(file).Contains("ReviewApp", StringComparison.Ordinal));
        Assert.False(app.AppJson.TryGetProperty("scripts", out _));
        Assert.False(app.AppJson.GetProperty("environments").TryGetProperty("review", out _));
        Assert.DoesNotContain("review-apps", app.AppJson.GetProperty("keywords").EnumerateArray().Select(keyword => keyword.GetString()));
        Assert.DoesNotContain("docs/review-apps.md", app.Files);
        Assert.DoesNotContain($"{Name}/Heroku/PlatformApiModels.cs", app.Files);
        Assert.DoesNotContain("review-apps.md", string.Concat(app.Files.Where(file => file.EndsWith(".md", StringComparison.Ordinal)).Select(app.Text)), StringComparison.Ordinal);

        // The app and its tests; bench/ (not in the solution) keeps its Redis mode for whoever measures sessions in Redis.
        Assert.DoesNotContain(app.Files, file => file.StartsWith(Name, StringComparison.Ordinal) && (file.Contains("Redis", StringComparison.Ordinal) || file.Contains("ServerSessions", StringComparison.Ordinal)));
        Assert.DoesNotContain(app.Files, file => Path.GetExtension(file) is ".cs" or ".csproj" or ".props" && app.Text(file).Contains("StackExchange", StringComparison.Ordinal));
        Assert.DoesNotContain("REDIS_URL", app.Text($"{Name}/Hosting/DataProtection/KeyRingOptions.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("REDIS_URL", app.AppJson.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("redis-server", app.Text(".ci/run"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void The_new_app_builds_without_a_warning_and_passes_a_fast_subset_of_its_own_tests(string options)
    {
        var app = apps[options];

        Assert.True(app.Build.ExitCode == 0, app.Build.Output);
        Assert.Matches(@"\b0 Warning\(s\)", app.Build.Output);
        Assert.True(app.Test.ExitCode == 0, app.Test.Output);
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]", app.Test.Output);
    }

    private static string ProjectFile(string root)
    {
        var name = File.Exists(Path.Combine(root, "HerokuOAuthMvc.sln")) ? "HerokuOAuthMvc" : Name;
        return Path.Combine(name, name + ".csproj");
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\) = ""[^""]+"", ""([^""]+)""", RegexOptions.Multiline)]
    private static partial Regex SolutionProjects();

    [GeneratedRegex(@"<UserSecretsId>([^<]+)</UserSecretsId>")]
    private static partial Regex UserSecretsId();

    // The template engine's conditional markers in each syntax it reads (#if, //#if, <!--#if, @*#if, and the rest).
    [GeneratedRegex(@"^\s*(//|<!--|@\*)?#(if|elseif|elif|else|endif)\b")]
    private static partial Regex Directive();

    [GeneratedRegex(@"(?:!\[[^\]]*\]\(|<img [^>]*src="")([^)""]+)")]
    private static partial Regex ImageSources();

    /// <summary>The template packed, installed into a hive of its own, and instantiated twice; both apps built and tested at once.</summary>
    public sealed class NewApps : IAsyncLifetime
    {
        /// <summary>
        /// A fast subset of the new app's own tests: its sign-in flow, its pages (the apps page where it has one) and its
        /// local stand-in, in the fast tier (no publish, browser, redis-server or process). That is where the options and
        /// the renaming change what runs; the callback's failures and malformed requests take the same code in every new
        /// app and are tested here. The whole fast tier of two new apps would double this suite's CPU, and the build has
        /// already compiled every test.
        /// </summary>
        private const string FastTier = "Category!=Slow&(FullyQualifiedName~.Controllers.SignInFlowTests.|FullyQualifiedName~.Controllers.HomeControllerTests."
            + "|FullyQualifiedName~.Controllers.AppsControllerTests.|FullyQualifiedName~.Controllers.ReturnUrlTests.|FullyQualifiedName~.LocalHeroku.)";

        private readonly Dictionary<string, NewApp> _apps = [];
        private string _root = string.Empty;

        public NewApp this[string options] => _apps[options];

        public async Task InitializeAsync()
        {
            _root = Directory.CreateTempSubdirectory("HerokuOAuthMvc-template-").FullName;
            var hive = Path.Combine(_root, "hive");
            var package = Path.Combine(_root, "package");

            (await Dotnet.RunAsync(Screenshots.RepositoryRoot(), _root, TimeSpan.FromMinutes(5), "pack", "HerokuOAuthMvc.Templates", "-c", "Release", "-o", package)).Succeeded();
            (await Dotnet.RunAsync(_root, _root, TimeSpan.FromMinutes(2), "new", "install", Directory.GetFiles(package, "*.nupkg").Single(), "--debug:custom-hive", hive)).Succeeded();

            // One at a time: two `dotnet new` sharing a hive could race on its settings file.
            _apps["default"] = await NewApp.CreateAsync(_root, hive, "default");
            _apps["custom"] = await NewApp.CreateAsync(_root, hive, "custom", "--scope", "identity read", "--review-apps", "false", "--redis", "false");

            // The six compilations (each app, its tests and the provider) share one compiler server, which loads and
            // warms the compiler, its analyzers and source generators once instead of six times: 52 -> 31 s of CPU.
            // Both apps' builds use the same server, so it is shut down once, after both, from a new app's folder (its
            // global.json picks the SDK whose server the builds started).
            Dotnet.Result shutdown;
            try
            {
                await Task.WhenAll(_apps.Values.Select(app => app.BuildAndTestAsync(FastTier)));
            }
            finally
            {
                shutdown = await Dotnet.RunAsync(_apps["default"].Root, _root, TimeSpan.FromMinutes(1), "build-server", "shutdown", "--vbcscompiler");
            }

            shutdown.Succeeded();
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_root, recursive: true);
            return Task.CompletedTask;
        }
    }

    public sealed class NewApp
    {
        private NewApp(string root, string temp)
        {
            Root = root;
            Temp = temp;
            Files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(file => !file.StartsWith($"{Name}/wwwroot/lib/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
            AppJson = JsonDocument.Parse(Text("app.json")).RootElement;
        }

        public string Root { get; }

        /// <summary>The generated app's own temp folder, so its tests' caches cannot meet the other app's.</summary>
        public string Temp { get; }

        /// <summary>Every generated file (but Bootstrap's), relative to <see cref="Root"/>, as the template wrote it.</summary>
        public IReadOnlyList<string> Files { get; }

        public JsonElement AppJson { get; }

        public Dotnet.Result Build { get; private set; } = new(-1, string.Empty);

        public Dotnet.Result Test { get; private set; } = new(-1, string.Empty);

        public static async Task<NewApp> CreateAsync(string parent, string hive, string folder, params string[] options)
        {
            var root = Path.Combine(parent, folder);
            (await Dotnet.RunAsync(parent, parent, TimeSpan.FromMinutes(2), ["new", "heroku-oauth-mvc", "-n", Name, "-o", root, "--debug:custom-hive", hive, .. options])).Succeeded();
            var temp = Directory.CreateDirectory(Path.Combine(parent, folder + "-tmp")).FullName;
            return new NewApp(root, temp);
        }

        public string Text(string file) => File.ReadAllText(Path.Combine(Root, file));

        public IEnumerable<string> Lines(string file) =>
            Path.GetExtension(file) is ".ico" or ".woff" or ".woff2" ? [] : File.ReadLines(Path.Combine(Root, file));

        public async Task BuildAndTestAsync(string filter)
        {
            // The app's tests and what they reference. The solution's fourth project, the provider's tests, is this
            // repository's but for the app's name in a comment (checked above), and this repository's build compiles it.
            // Through the compiler server (see NewApps), not a compiler process per project.
            Build = await Dotnet.RunAsync(Root, Temp, TimeSpan.FromMinutes(10), "build", $"{Name}.Tests/{Name}.Tests.csproj", "-p:UseSharedCompilation=true");
            if (Build.ExitCode == 0)
            {
                // The app's own tests; the provider's run in this repository's suite.
                Test = await Dotnet.RunAsync(Root, Temp, TimeSpan.FromMinutes(10), "test", $"{Name}.Tests/{Name}.Tests.csproj", "--no-build", "--filter", filter);
            }
        }
    }

    public static class Dotnet
    {
        public sealed record Result(int ExitCode, string Output)
        {
            public Result Succeeded()
            {
                Assert.True(ExitCode == 0, Output);
                return this;
            }
        }

        /// <summary>Runs the SDK with no build server (unless asked for) or node left behind, killed with its children if it overruns.</summary>
        public static async Task<Result> RunAsync(string workingDirectory, string temp, TimeSpan timeout, params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["TMPDIR"] = temp;
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            start.Environment["UseSharedCompilation"] = "false";
            start.Environment["UseRazorBuildServer"] = "false";
            // A build lives seconds: profile-guided re-JITs cost it more CPU than they pay back (about 15% of a new app's build).
            start.Environment["DOTNET_TieredPGO"] = "0";

            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            var reading = Task.WhenAll(CopyAsync(process.StandardOutput, output), CopyAsync(process.StandardError, output));
            using var overrun = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(overrun.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                await reading;
                return new Result(-1, $"dotnet {string.Join(' ', arguments)} took longer than {timeout}:\n{output}");
            }

            await reading;
            return new Result(process.ExitCode, $"dotnet {string.Join(' ', arguments)}:\n{output}");
        }

        private static async Task CopyAsync(StreamReader reader, StringBuilder output)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }
    }
}
