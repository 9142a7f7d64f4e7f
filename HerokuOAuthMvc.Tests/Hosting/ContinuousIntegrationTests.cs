using System.Text.Json;
using HerokuOAuthMvc.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace HerokuOAuthMvc.Tests.Hosting;

/// <summary>
/// Every CI runs the README's test command: the project's own (.ci/run), a fork's on GitHub (the workflow runs .ci/run),
/// and Heroku CI (app.json's test script, the command the heroku/dotnet buildpack's test process runs).
/// </summary>
public sealed class ContinuousIntegrationTests
{
    /// <summary>The README's test command; the buildpack's DotnetTestCommand is the same (buildpacks/dotnet/src/dotnet_sdk_command.rs).</summary>
    private const string TestCommand = "dotnet test HerokuOAuthMvc.sln";

    private static readonly string Root = Screenshots.RepositoryRoot();

    private static string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Read(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    [Fact]
    public void The_README_and_ci_run_use_the_same_test_command()
    {
        Assert.Contains(TestCommand, Read("README.md"), StringComparison.Ordinal);
        Assert.Contains(Read(".ci/run").Split('\n'), line => line.TrimStart().StartsWith(TestCommand, StringComparison.Ordinal));
    }

    [Fact]
    public void Ci_run_closes_with_the_counts_of_every_test_assembly_added_up()
    {
        Assert.Contains("bash .ci/summary \"$log\"", Read(".ci/run").Split('\n'));
        var log = Path.Combine(Path.GetTempPath(), $"ci-summary-{Guid.NewGuid():N}.log");
        File.WriteAllText(log, """
            Test run for /app/AspNet.Security.OAuth.Heroku.Tests/bin/Debug/net10.0/AspNet.Security.OAuth.Heroku.Tests.dll (.NETCoreApp,Version=v10.0)
              Passed AspNet.Security.OAuth.Heroku.HerokuTests.Can_sign_in_using_Heroku [3 ms]
            Passed!  - Failed:     0, Passed:    47, Skipped:     0, Total:    47, Duration: 31 s - AspNet.Security.OAuth.Heroku.Tests.dll (net10.0)
              Failed HerokuOAuthMvc.Tests.Hosting.RouterTests.Something [1 s]
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

    [Fact]
    public void The_GitHub_workflow_runs_ci_run_on_every_push_and_pull_request_with_the_SDK_from_global_json_and_CI_true()
    {
        var workflow = Yaml(".github/workflows/ci.yml");

        var triggers = ((YamlMappingNode)workflow["on"]).Children.Keys.Select(key => ((YamlScalarNode)key).Value).ToList();
        Assert.Contains("push", triggers);
        Assert.Contains("pull_request", triggers);

        var job = (YamlMappingNode)Assert.Single(Map(workflow, "jobs").Children).Value;
        Assert.Equal("true", Scalar(Map(job, "env"), "CI"));
        Assert.StartsWith("debian:", Scalar(job, "container"), StringComparison.Ordinal);

        var steps = ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().ToList();
        var setupDotnet = Assert.Single(steps, step => step.Children.ContainsKey("uses") && Scalar(step, "uses").StartsWith("actions/setup-dotnet@", StringComparison.Ordinal));
        Assert.Equal("global.json", Scalar(Map(setupDotnet, "with"), "global-json-file"));

        // The same script as the project's own CI: it installs Chromium and redis-server and runs the test command.
        var run = steps.Where(step => step.Children.ContainsKey("run")).Select(step => Scalar(step, "run")).Last();
        Assert.Equal("bash .ci/run", run);
        Assert.True(steps.IndexOf(setupDotnet) < steps.FindIndex(step => step.Children.ContainsKey("run") && Scalar(step, "run") == run));
    }

    [Fact]
    public void Dependabot_updates_the_NuGet_packages_the_pinned_axe_core_and_the_workflows_actions()
    {
        var updates = ((YamlSequenceNode)Yaml(".github/dependabot.yml")["updates"]).Children
            .ToDictionary(update => Scalar(update, "package-ecosystem"), update => Scalar(update, "directory"));

        Assert.Equal("/", updates["nuget"]);
        Assert.Equal("/", updates["github-actions"]);

        var axe = JsonDocument.Parse(Read(updates["npm"].TrimStart('/') + "/package.json")).RootElement;
        Assert.True(axe.GetProperty("devDependencies").TryGetProperty("axe-core", out _));
    }

    [Fact]
    public void Heroku_CI_runs_the_test_command_with_no_add_on_the_tests_would_mistake_for_their_own()
    {
        var test = JsonDocument.Parse(Read("app.json")).RootElement.GetProperty("environments").GetProperty("test");

        Assert.Equal(TestCommand, test.GetProperty("scripts").GetProperty("test").GetString());
        Assert.False(test.TryGetProperty("addons", out _));
    }

    [Theory]
    [InlineData(true, null, null, false)]
    [InlineData(true, "true", "run-1", false)]
    [InlineData(false, null, null, true)]
    [InlineData(false, "false", null, true)]
    [InlineData(false, "true", null, false)]
    [InlineData(false, "TRUE", null, false)]
    [InlineData(false, "true", "run-1", true)]
    [InlineData(false, null, "run-1", true)]
    public void A_test_needing_a_missing_tool_fails_on_CI_and_is_skipped_only_on_a_developer_machine_or_Heroku_CI(
        bool installed, string? ci, string? herokuTestRunId, bool skipped)
    {
        var reason = RequiredTool.SkipReason(installed, "redis-server is not installed.", ci, herokuTestRunId);

        Assert.Equal(skipped, reason is not null);
        if (herokuTestRunId is not null && skipped)
        {
            Assert.Contains(".ci/run", reason, StringComparison.Ordinal);
        }
    }
}
