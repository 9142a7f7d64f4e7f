using System.Text.RegularExpressions;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests;

/// <summary>The README's recipe is what forkers copy: its snippets must be the shipped apps page, not a memory of it.</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public void Every_snippet_in_Extending_the_app_is_the_shipped_code_of_the_file_its_step_names()
    {
        var root = Screenshots.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = readme.IndexOf("## Extending the app\n", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];

        var blocks = CodeBlock().Matches(section);
        Assert.True(blocks.Count >= 5, $"Expected the five steps' snippets, found {blocks.Count}.");
        foreach (Match block in blocks)
        {
            var step = Step().Matches(section[..block.Index]).Last().Groups[1].Value;
            var path = new[] { Path.Combine(root, step), Path.Combine(root, "HerokuOAuthMvc", step) }.First(File.Exists);
            var shipped = File.ReadAllLines(path).Select(line => line.Trim()).ToList();

            // Lines in order, each one as shipped; "…" stands for lines left out, and "// " lines are the README's notes.
            var next = 0;
            foreach (var line in block.Groups[1].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "…" && !l.StartsWith("// ", StringComparison.Ordinal)))
            {
                next = shipped.IndexOf(line, next) + 1;
                Assert.True(next > 0, $"README, step for {step}: this line is not in the shipped file (in this order): {line}");
            }
        }
    }

    [GeneratedRegex(@"```(?:csharp|cshtml)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\*\*\d\. [^*]+\*\* \(`([^`]+)`\)")]
    private static partial Regex Step();
}
