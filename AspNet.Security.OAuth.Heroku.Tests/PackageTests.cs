using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AspNet.Security.OAuth.Heroku.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace AspNet.Security.OAuth.Heroku;

/// <summary>
/// The library as a NuGet package: what <c>dotnet pack</c> writes, and a web app outside this solution that installs
/// it from a folder, as a developer would, and signs in with it.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class PackageTests(PackedLibrary library) : IClassFixture<PackedLibrary>
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_package_holds_the_library_its_XML_docs_and_README_with_its_license_and_repository()
    {
        using (var package = ZipFile.OpenRead(library.Package))
        {
            var entries = package.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("lib/net10.0/AspNet.Security.OAuth.Heroku.dll", entries);
            Assert.Contains("lib/net10.0/AspNet.Security.OAuth.Heroku.xml", entries);
            Assert.Contains("README.md", entries);

            using var nuspecStream = package.GetEntry("AspNet.Security.OAuth.Heroku.nuspec")!.Open();
            var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Element(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

            Assert.Equal("MIT", Element("license"));
            Assert.Equal("README.md", Element("readme"));
            Assert.Contains("heroku", Element("tags")!.Split(' '));
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal("git", repository.Attribute("type")?.Value);
            Assert.StartsWith("https://github.com/", repository.Attribute("url")?.Value, StringComparison.Ordinal);

            // The shared framework is its only dependency.
            Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
            Assert.Equal(["Microsoft.AspNetCore.App"], metadata.Descendants().Where(e => e.Name.LocalName == "frameworkReference").Select(e => e.Attribute("name")?.Value));
        }

        using var symbols = ZipFile.OpenRead(library.SymbolPackage);
        Assert.Contains("lib/net10.0/AspNet.Security.OAuth.Heroku.pdb", symbols.Entries.Select(e => e.FullName));
    }

    [Fact]
    public async Task A_web_app_outside_the_solution_installs_the_package_from_a_folder_and_its_challenge_sends_people_to_Heroku()
    {
        var app = Path.Combine(library.Root, "Consumer");
        Assert.False(Path.GetFullPath(app).StartsWith(PackedLibrary.RepositoryRoot, StringComparison.Ordinal), "The consumer must not pick up the repository's build settings.");
        Directory.CreateDirectory(app);

        // The folder is a source beside the machine's own (the user-level NuGet.Config stays in force); a private
        // packages folder makes sure the package restored is the one just packed, never an older one from the cache.
        await File.WriteAllTextAsync(Path.Combine(app, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed" value="{library.Feed}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackedLibrary.PackageId}" Version="[{library.Version}]" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            using AspNet.Security.OAuth.Heroku;
            using Microsoft.AspNetCore.Authentication;
            using Microsoft.AspNetCore.Authentication.Cookies;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
                .AddCookie()
                .AddHeroku(options => { options.ClientId = "consumer-client-id"; options.ClientSecret = "consumer-client-secret"; });

            var app = builder.Build();
            app.MapGet("/signin", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [HerokuAuthenticationDefaults.AuthenticationScheme]));
            app.Run();
            """);

        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(library.Root, "packages") };
        await Dotnet.RunAsync(app, StepTimeout, environment, "build", "-c", "Release");
        Assert.True(Directory.Exists(Path.Combine(library.Root, "packages", "aspnet.security.oauth.heroku", library.Version)));

        using var process = Process.Start(Dotnet.StartInfo(app, environment, Path.Combine(app, "bin", "Release", "net10.0", "Consumer.dll"), "--urls", "http://127.0.0.1:0"))!;
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var address = await ListeningAddressAsync(process, errors);
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };

            using var challenge = await client.GetAsync(new Uri("/signin", UriKind.Relative));

            Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
            var location = challenge.Headers.Location!;
            Assert.Equal("https://id.heroku.com/oauth/authorize", location.GetLeftPart(UriPartial.Path));
            var query = QueryHelpers.ParseQuery(location.Query);
            Assert.Equal("consumer-client-id", query["client_id"]);
            Assert.Equal("code", query["response_type"]);
            Assert.Equal("identity", query["scope"]);
            Assert.False(string.IsNullOrEmpty(query["state"]));
            Assert.Equal(new Uri(address, "/signin-heroku").AbsoluteUri, query["redirect_uri"]);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    // Kestrel says where it listens once it does: no polling, and a bounded wait.
    private static async Task<Uri> ListeningAddressAsync(Process process, Task<string> errors)
    {
        using var deadline = new CancellationTokenSource(StepTimeout);
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            seen.Add(line);
            if (NowListening().Match(line) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"The consumer app exited before listening:\n{string.Join('\n', seen)}\n{await errors}");
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex NowListening();
}
