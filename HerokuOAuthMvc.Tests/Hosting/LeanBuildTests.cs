using System.Text.Json;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// Every Heroku build restores from an empty package cache, and the buildpack publishes the whole solution: the test
/// project must not make each <c>git push heroku</c> download Playwright, xunit and the test SDK.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LeanBuildTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    private static readonly string[] TestOnlyPackages =
        ["Microsoft.Playwright", "Microsoft.NET.Test.Sdk", "xunit", "Moq", "Microsoft.AspNetCore.Mvc.Testing", "Microsoft.AspNetCore.TestHost"];

    private static readonly string[] TestProjects = ["HerokuOAuthMvc.Tests", "AspNet.Security.OAuth.Heroku.Tests"];

    [Fact]
    public void The_buildpacks_publish_restores_the_test_projects_without_their_packages_and_publishes_the_app_alone()
    {
        foreach (var testProject in TestProjects)
        {
            Assert.DoesNotContain(Libraries(testProject), library => TestOnlyPackages.Any(package => library.StartsWith(package + "/", StringComparison.OrdinalIgnoreCase)));
            Assert.False(Directory.Exists(Path.Combine(app.Root, testProject, "bin", "publish")));
        }

        var web = Libraries("HerokuOAuthMvc");
        Assert.Contains(web, library => library.StartsWith("Microsoft.Extensions.Http.Resilience/", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(app.Root, "HerokuOAuthMvc", "bin", "publish", "HerokuOAuthMvc")));

        // The provider's library is built into the app, not published beside it: the slug holds one web app.
        Assert.True(File.Exists(Path.Combine(app.Root, "HerokuOAuthMvc", "bin", "publish", "AspNet.Security.OAuth.Heroku.dll")));
        Assert.False(Directory.Exists(Path.Combine(app.Root, "AspNet.Security.OAuth.Heroku", "bin", "publish")));
    }

    private List<string> Libraries(string project)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(app.Artifacts, "obj", project, "project.assets.json")));
        return [.. assets.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name)];
    }
}
