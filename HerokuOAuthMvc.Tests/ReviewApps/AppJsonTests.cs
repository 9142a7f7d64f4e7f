using System.Text.Json.Nodes;
using HerokuOAuthMvc.ReviewApps;

namespace HerokuOAuthMvc.Tests.ReviewApps;

/// <summary>app.json's review-app scripts call commands that exist, where the buildpack publishes them.</summary>
public sealed class AppJsonTests
{
    private static readonly DirectoryInfo Root = FindRepositoryRoot();

    private static JsonNode AppJson => JsonNode.Parse(File.ReadAllText(Path.Combine(Root.FullName, "app.json")))!;

    [Theory]
    [InlineData("postdeploy", "create")]
    [InlineData("pr-predestroy", "delete")]
    public async Task Each_script_runs_the_review_app_command_from_the_published_output(string script, string verb)
    {
        var command = (string)AppJson["scripts"]![script]!;
        var steps = command.Split("&&", StringSplitOptions.TrimEntries);

        Assert.Equal(2, steps.Length);
        var directory = steps[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("cd", directory[0]);

        // The heroku/dotnet buildpack publishes each project to <project>/bin/publish; the app host has the assembly's name.
        var app = typeof(ReviewAppCommand).Assembly.GetName().Name!;
        Assert.Equal($"{app}/bin/publish", directory[1]);
        Assert.True(File.Exists(Path.Combine(Root.FullName, app, $"{app}.csproj")));

        var words = steps[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"./{app}", words[0]);
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, app)), "The build output has no app host named " + app);
        Assert.Equal([ReviewAppCommand.Name, verb], words[1..]);
        Assert.True(ReviewAppCommand.IsInvoked(words[1..]));

        var help = await ReviewAppRun.InProcessAsync(new Dictionary<string, string?>(), [.. words[2..], "--help"]);
        Assert.Equal(ReviewAppCommand.ExitCodes.Succeeded, help.ExitCode);
    }

    [Fact]
    public void Review_apps_require_an_api_key_and_say_which_scope_it_needs()
    {
        var apiKey = AppJson["environments"]!["review"]!["env"]!["HEROKU_API_KEY"]!;

        Assert.True((bool)apiKey["required"]!);
        Assert.Contains("--scope global", (string)apiKey["description"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_apps_may_start_without_the_client_the_postdeploy_script_sets()
    {
        var env = AppJson["environments"]!["review"]!["env"]!;

        Assert.False((bool)env["HEROKU_OAUTH_ID"]!["required"]!);
        Assert.False((bool)env["HEROKU_OAUTH_SECRET"]!["required"]!);
    }

    private static DirectoryInfo FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HerokuOAuthMvc.sln")))
        {
            directory = directory.Parent;
        }

        return directory ?? throw new InvalidOperationException("HerokuOAuthMvc.sln not found above " + AppContext.BaseDirectory);
    }
}
