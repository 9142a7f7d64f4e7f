using System.Diagnostics;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.ReviewApps;

/// <summary>The command as Heroku runs it: a process started from the app's build output, talking HTTP to a fake Heroku.</summary>
[Trait("Category", "Slow")]
public sealed class ReviewAppProcessTests
{
    [Fact]
    public async Task Create_then_delete_from_the_build_output_leave_the_right_client_then_none_and_never_print_a_secret()
    {
        var heroku = new FakeHeroku();
        var platform = new FakePlatformApi(heroku);
        await using var server = await FakeHerokuServer.StartAsync(heroku);
        var environment = ReviewAppRun.ReviewAppSettings(server);

        var create = await RunProcessAsync(environment, "create");

        Assert.True(create.ExitCode == 0, create.Text);
        var client = Assert.Single(platform.Clients);
        Assert.Equal(FakePlatformApi.CallbackUrl, client.RedirectUri);
        Assert.Equal(client.Id, platform.ConfigVars["HEROKU_OAUTH_ID"]);
        Assert.Equal(client.Secret, platform.ConfigVars["HEROKU_OAUTH_SECRET"]);
        create.AssertNoSecrets(platform);

        var delete = await RunProcessAsync(environment, "delete");

        Assert.True(delete.ExitCode == 0, delete.Text);
        Assert.Empty(platform.Clients);
        delete.AssertNoSecrets(platform);
        heroku.VerifyNoUnexpectedRequests();
    }

    [Fact]
    public async Task A_failure_ends_the_process_with_a_non_zero_exit_code()
    {
        var heroku = new FakeHeroku();
        var platform = new FakePlatformApi(heroku);
        await using var server = await FakeHerokuServer.StartAsync(heroku);
        var environment = ReviewAppRun.ReviewAppSettings(server);
        environment["HEROKU_API_KEY"] = "HRKU-revoked-key";

        var run = await RunProcessAsync(environment, "create");

        Assert.Equal(77, run.ExitCode);
        Assert.Contains("Heroku rejected HEROKU_API_KEY", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("HRKU-revoked-key", run.Text, StringComparison.Ordinal);
        Assert.Empty(platform.Clients);
    }

    private static async Task<ReviewAppRun> RunProcessAsync(IDictionary<string, string?> environment, params string[] words)
    {
        var start = AppAssembly.StartInfo(["review-app", .. words]);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ReviewAppRun(process.ExitCode, await output, await error);
    }
}
