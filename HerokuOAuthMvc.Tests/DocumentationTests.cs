using System.Text.RegularExpressions;
using HerokuOAuthMvc.Hosting;
using HerokuOAuthMvc.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace HerokuOAuthMvc.Tests;

/// <summary>
/// The README stays what a newcomer reads on the first day, and every page in docs/ is one click from it: each link in
/// them leads to a file and heading that exist, and their commands are the ones the app understands.
/// </summary>
public sealed partial class DocumentationTests
{
    private const int ReadmeMaxLines = 300;

    private static readonly string Root = Screenshots.RepositoryRoot();

    private static string Read(string page) => File.ReadAllText(Path.Combine(Root, page)).ReplaceLineEndings("\n");

    private static IEnumerable<string> DocsPages() =>
        Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(path => "docs/" + Path.GetFileName(path)).Order(StringComparer.Ordinal);

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var page in DocsPages().Prepend("README.md"))
        {
            pages.Add(page);
        }

        return pages;
    }

    [Fact]
    public void The_README_is_at_most_300_lines_and_its_first_section_starts_with_the_two_commands()
    {
        var readme = Read("README.md");

        var lines = readme.TrimEnd('\n').Split('\n').Length;
        Assert.True(lines <= ReadmeMaxLines, $"README.md has {lines} lines; at most {ReadmeMaxLines}: move the details into a page under docs/.");

        var first = readme.IndexOf("\n## ", StringComparison.Ordinal);
        var section = readme[first..readme.IndexOf("\n## ", first + 1, StringComparison.Ordinal)];
        var commands = BashBlock().Match(section).Groups[1].Value.Split('\n');
        Assert.StartsWith("dotnet run --project HerokuOAuthMvc ", commands[0], StringComparison.Ordinal);
        Assert.StartsWith("dotnet test HerokuOAuthMvc.sln ", commands[1], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_leads_to_a_file_that_exists_and_to_a_heading_it_has(string page)
    {
        var directory = Path.GetDirectoryName(Path.Combine(Root, page))!;
        var targets = Links(Prose(Read(page))).Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal)).ToList();

        var broken = new List<string>();
        foreach (var target in targets)
        {
            var (file, anchor) = target.Split('#', 2) is [var path, var fragment] ? (path, fragment) : (target, null);
            var resolved = file.Length == 0 ? Path.Combine(Root, page) : Path.GetFullPath(Path.Combine(directory, Uri.UnescapeDataString(file)));
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                broken.Add($"{target}: {Path.GetRelativePath(Root, resolved)} does not exist");
            }
            else if (anchor is not null && !(resolved.EndsWith(".md", StringComparison.Ordinal) && Anchors(File.ReadAllText(resolved).ReplaceLineEndings("\n")).Contains(anchor)))
            {
                broken.Add($"{target}: {Path.GetRelativePath(Root, resolved)} has no heading #{anchor}");
            }
        }

        Assert.True(broken.Count == 0, $"{page} has broken links:\n{string.Join("\n", broken)}");
    }

    [Fact]
    public void Every_page_in_docs_is_linked_from_the_README_and_opens_with_who_it_is_for()
    {
        var linked = Links(Prose(Read("README.md"))).Select(target => target.Split('#')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.All(DocsPages(), page =>
        {
            Assert.True(linked.Contains(page), $"README.md does not link to {page}.");
            var opening = Read(page).Split("\n\n")[1];
            Assert.True(opening.StartsWith("For ", StringComparison.Ordinal), $"{page} does not open with who it is for (\"For …\"), but with: {opening}");
        });
    }

    [Fact]
    public void The_README_shows_every_picture_in_docs_each_with_its_alt_text_and_small()
    {
        var pictures = Pictures().Matches(Read("README.md"))
            .Where(match => match.Groups["src"].Value.StartsWith("docs/", StringComparison.Ordinal))
            .ToDictionary(match => match.Groups["src"].Value, match => match.Groups["alt"].Value);

        // The five Browser/ReadmeScreenshotsTests takes; an app made from the template has neither them nor the README's table.
        Assert.Equal(
            Directory.GetFiles(Path.Combine(Root, "docs"), "*.png").Select(path => "docs/" + Path.GetFileName(path)).Order(StringComparer.Ordinal),
            pictures.Keys.Order(StringComparer.Ordinal));
        Assert.All(pictures, picture =>
        {
            Assert.True(picture.Value.Length >= 20, $"{picture.Key} has no alt text that says what it shows.");
            var size = new FileInfo(Path.Combine(Root, picture.Key)).Length;
            Assert.True(size <= 300_000, $"{picture.Key} is {size:N0} bytes; keep the README's pictures under 300 KB.");
        });
    }

    [Fact]
    public void The_custom_domain_steps_ALLOWED_HOSTS_keep_the_herokuapp_com_name_beside_the_custom_domain()
    {
        var steps = DocsPages().Prepend("README.md")
            .SelectMany(page => AllowedHostsStep().Matches(Read(page)).Select(match => (page, hosts: match.Groups[1].Value)))
            .ToList();
        Assert.Contains(steps, step => step.page == "docs/heroku.md");

        foreach (var (page, hosts) in steps)
        {
            var listed = hosts.Split(',');
            var herokuapp = Assert.Single(listed, host => host.EndsWith(".herokuapp.com", StringComparison.Ordinal));
            var dyno = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DYNO"] = "web.1",
                [TrustedHostsExtensions.DefaultDomainVariable] = herokuapp,
                [TrustedHostsExtensions.AllowedHostsVariable] = hosts,
            }).Build();

            Assert.True(listed.Length > 1, $"{page}: ALLOWED_HOSTS={hosts} lists no custom domain.");
            Assert.Equal(listed, TrustedHostsExtensions.TrustedHosts(dyno));
        }
    }

    /// <summary>The Markdown without its code: fenced blocks and inline code spans hold no links or headings.</summary>
    private static string Prose(string markdown) => InlineCode().Replace(Fence().Replace(markdown, ""), "");

    private static IEnumerable<string> Links(string prose) =>
        LinkTarget().Matches(prose).Select(match => match.Groups["target"].Value)
            .Concat(ImageSource().Matches(prose).Select(match => match.Groups["target"].Value));

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(Fence().Replace(markdown, "")))
        {
            var slug = string.Concat(heading.Groups[1].Value.Trim().ToLowerInvariant()
                .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');
            var anchor = slug;
            for (var repeat = 1; !anchors.Add(anchor); repeat++)
            {
                anchor = $"{slug}-{repeat}";
            }
        }

        return anchors;
    }

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`]+`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"<img [^>]*src=""(?<target>[^""]+)""")]
    private static partial Regex ImageSource();

    [GeneratedRegex(@"^#{1,6} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"!\[(?<alt>[^\]]*)\]\((?<src>[^)\s]+)\)|<img src=""(?<src>[^""]+)""[^>]* alt=""(?<alt>[^""]*)""")]
    private static partial Regex Pictures();

    [GeneratedRegex(@"heroku config:set ALLOWED_HOSTS=([^\s`]+)")]
    private static partial Regex AllowedHostsStep();
}
