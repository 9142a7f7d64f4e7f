using System.Text.RegularExpressions;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Browser;

/// <summary>
/// Playwright matches a name or text by substring unless told otherwise, so a forker's new link "Dynos of sample-web"
/// would make a test's "sample-web" two elements and fail it in strict mode. Every test that locates by name or text
/// says <c>Exact = true</c> (or, where matching part of a name is the point, <c>Exact = false</c>); this holds new tests
/// to it before they meet such a page.
/// </summary>
public sealed partial class ExactNameTests
{
    [Fact]
    public void Every_locator_by_accessible_name_or_text_in_the_tests_matches_it_exactly()
    {
        var tests = Path.Combine(Screenshots.RepositoryRoot(), "HerokuOAuthMvc.Tests");
        var byName = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(tests, file))
            .Where(file => !file.StartsWith("bin", StringComparison.Ordinal) && !file.StartsWith("obj", StringComparison.Ordinal)
                && Path.GetFileName(file) != $"{nameof(ExactNameTests)}.cs")
            .SelectMany(file => File.ReadLines(Path.Combine(tests, file)).Select((line, index) => (File: file, Number: index + 1, Line: line)))
            .Where(line => ByName().IsMatch(line.Line))
            .ToList();
        var loose = byName.Where(line => !line.Line.Contains("Exact = ", StringComparison.Ordinal)).Select(line => $"{line.File}:{line.Number}: {line.Line.Trim()}");

        Assert.True(byName.Count > 20, $"Expected the browser tests' locators by name, found {byName.Count}.");
        Assert.True(!loose.Any(), "These locators match by substring; add Exact = true to their options (Exact = false if that is the point):\n" + string.Join('\n', loose));
    }

    [Theory]
    [InlineData("page.GetByRole(AriaRole.Link, new() { Name = \"sample-web\" })", true)]
    [InlineData("page.GetByText(\"20 November 2026\")", true)]
    [InlineData("page.GetByLabel(\"Email\")", true)]
    [InlineData("page.GetByRole(AriaRole.Heading, new() { Level = 1 })", false)]
    [InlineData("page.GetByRole(AriaRole.Main)", false)]
    public void The_check_knows_a_locator_by_name_from_one_by_role_alone(string line, bool byName)
    {
        Assert.Equal(byName, ByName().IsMatch(line));
    }

    [GeneratedRegex(@"GetBy(?:Role\([^;]*\bName\s*=|(?:Text|Label|Title|Placeholder|AltText)\()")]
    private static partial Regex ByName();
}
