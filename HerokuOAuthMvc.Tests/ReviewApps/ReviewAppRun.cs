using HerokuOAuthMvc.ReviewApps;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace HerokuOAuthMvc.Tests.ReviewApps;

/// <summary>One run of the review-app command: its exit code and what it wrote.</summary>
public sealed record ReviewAppRun(int ExitCode, string Output, string Error)
{
    /// <summary>The config vars of a review app whose Platform API is the given fake server.</summary>
    public static Dictionary<string, string?> ReviewAppSettings(FakeHerokuServer server) => new(StringComparer.Ordinal)
    {
        ["HEROKU_API_KEY"] = FakePlatformApi.ApiKey,
        ["HEROKU_APP_NAME"] = FakePlatformApi.AppName,
        ["HEROKU_PR_NUMBER"] = "42",
        ["HEROKU_BRANCH"] = "feature/review-apps",
        ["Heroku__ApiBaseAddress"] = server.ApiBaseAddress,
    };

    /// <summary>Runs the command in process through its entry, with these variables as its whole environment.</summary>
    public static async Task<ReviewAppRun> InProcessAsync(IDictionary<string, string?> environment, params string[] words)
    {
        // As the environment-variables provider reads them: Heroku__ApiBaseAddress is Heroku:ApiBaseAddress.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ReviewAppCommand.RunAsync([ReviewAppCommand.Name, .. words], configuration, output, error);
        return new ReviewAppRun(exitCode, output.ToString(), error.ToString());
    }

    public string Text => Output + Error;

    /// <summary>Neither the API key nor any client secret the fake handed out may appear in what the command wrote.</summary>
    public void AssertNoSecrets(FakePlatformApi platform)
    {
        Assert.DoesNotContain(FakePlatformApi.ApiKey, Text, StringComparison.Ordinal);
        foreach (var secret in platform.SecretsIssued)
        {
            Assert.DoesNotContain(secret, Text, StringComparison.Ordinal);
        }
    }
}
