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
    public void Ci_run_builds_every_bench_project_after_the_tests_so_a_change_to_the_files_the_bench_links_cannot_break_it_unseen()
    {
        var lines = Read(".ci/run").Split('\n').ToList();
        var tests = lines.FindIndex(line => line.TrimStart().StartsWith(TestCommand, StringComparison.Ordinal));
        var benches = Directory.GetFiles(Path.Combine(Root, "bench"), "*.csproj", SearchOption.AllDirectories)
            .Select(project => Path.GetRelativePath(Root, project).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        Assert.NotEmpty(benches);
        Assert.All(benches, bench => Assert.True(
            lines.FindIndex(line => line.Contains(bench, StringComparison.Ordinal)) > tests,
            $".ci/run does not build {bench} after the test command"));
        Assert.Contains(lines, line => line.Contains("dotnet build \"$bench\"", StringComparison.Ordinal) && line.Contains("status=1", StringComparison.Ordinal));
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
