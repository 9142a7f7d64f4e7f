using System.Text.RegularExpressions;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests;

/// <summary>The extending recipe is what forkers copy: its snippets must be shipped code and tested calls, not a memory of them.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = Screenshots.RepositoryRoot();

    [Fact]
    public void Every_snippet_in_docs_extending_is_the_code_of_the_file_its_step_names_unless_the_step_says_the_file_is_yours()
    {
        var page = File.ReadAllText(Path.Combine(Root, "docs", "extending.md"));

        var checkedFiles = new List<string>();
        foreach (Match block in CodeBlock().Matches(page))
        {
            var step = Step().Matches(page[..block.Index]).Last();
            if (step.Groups["yours"].Success)
            {
                continue;
            }

            var file = step.Groups["path"].Value;
            var path = new[] { Path.Combine(Root, file), Path.Combine(Root, "HerokuOAuthMvc", file) }.FirstOrDefault(File.Exists);
            Assert.True(path is not null, $"docs/extending.md names {file}, which does not exist; a file the reader creates is \"(yours: `{file}`)\".");
            var shipped = File.ReadAllLines(path).Select(line => line.Trim()).ToList();

            // Lines in order, each one as shipped; "…" stands for lines left out, and "// " lines are the page's notes.
            var next = 0;
            foreach (var line in block.Groups[1].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "…" && !l.StartsWith("// ", StringComparison.Ordinal)))
            {
                next = shipped.IndexOf(line, next) + 1;
                Assert.True(next > 0, $"docs/extending.md, step for {file}: this line is not in the file (in this order): {line}");
            }

            checkedFiles.Add(file);
        }

        // The apps page's five steps, and the nested path as the tests' fake and the stand-in take it.
        Assert.True(checkedFiles.Count >= 7, $"Expected at least seven snippets held to files, found: {string.Join(", ", checkedFiles)}.");
        Assert.Contains("HerokuOAuthMvc.Tests/Infrastructure/FakeHerokuTests.cs", checkedFiles);
        Assert.Contains("HerokuOAuthMvc.Tests/LocalHeroku/LocalHerokuTests.cs", checkedFiles);
    }

    [Fact]
    public void The_READMEs_Extending_the_app_stays_short_and_sends_the_details_to_docs_extending()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var start = readme.IndexOf("## Extending the app\n", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];

        Assert.True(section.Split('\n').Length <= 70, $"README, Extending the app: {section.Split('\n').Length} lines, more than 70.");
        Assert.Contains("(docs/extending.md)", section, StringComparison.Ordinal);
        Assert.StartsWith("For a developer who has forked ", File.ReadAllLines(Path.Combine(Root, "docs", "extending.md"))[2], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"```(?:csharp|cshtml)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\*\*[^*\n]+\*\* \((?<yours>yours: )?`(?<path>[^`]+)`")]
    private static partial Regex Step();
}
