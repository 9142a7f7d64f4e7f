using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// .ci/run's closing line adds up every test assembly's counts; the check runs the script itself under bash, a process,
/// so it sits in the slow tier beside the other tests that start one.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CiRunSummaryTests
{
    private static readonly string Root = Screenshots.RepositoryRoot();

    private static string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    [Fact]
    public void Ci_run_closes_with_the_counts_of_every_test_assembly_of_the_repository_added_up()
    {
        Assert.Contains("bash .ci/summary \"$log\"", Read(".ci/run").Split('\n'));
        var log = Path.Combine(Path.GetTempPath(), $"ci-summary-{Guid.NewGuid():N}.log");
        File.WriteAllText(log, """
            Test run for /app/AspNet.Security.OAuth.Heroku.Tests/bin/Debug/net10.0/AspNet.Security.OAuth.Heroku.Tests.dll (.NETCoreApp,Version=v10.0)
              Passed AspNet.Security.OAuth.Heroku.HerokuTests.Can_sign_in_using_Heroku [3 ms]
            Passed!  - Failed:     0, Passed:    47, Skipped:     0, Total:    47, Duration: 31 s - AspNet.Security.OAuth.Heroku.Tests.dll (net10.0)
              Failed HerokuOAuthMvc.Tests.Hosting.RouterTests.Something [1 s]
              Error Message: a new app's own run, printed inside a failure, is not counted:
            Failed!  - Failed:     1, Passed:   182, Skipped:     0, Total:   183, Duration: 17 s - Contoso.Dashboard.Tests.dll (net10.0)
            Failed!  - Failed:     1, Passed:   612, Skipped:     2, Total:   615, Duration: 9 m 2 s - HerokuOAuthMvc.Tests.dll (net10.0)

            """);
        try
        {
            var summary = new System.Diagnostics.ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true };
            summary.ArgumentList.Add(".ci/summary");
            summary.ArgumentList.Add(log);
            using var process = System.Diagnostics.Process.Start(summary)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.Equal(0, process.ExitCode);
            Assert.Equal("659 passed, 1 failed, 2 skipped\n", output);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
