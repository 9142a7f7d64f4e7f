using System.Text.RegularExpressions;
using HerokuOAuthMvc.Tests.Infrastructure;

namespace HerokuOAuthMvc.Tests.Views;

public sealed partial class LayoutTests : IDisposable
{
    private readonly HerokuAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_colour_mode_script_is_a_versioned_file_run_in_the_head_before_the_first_paint()
    {
        var html = await _factory.CreateClient().GetStringAsync("/");
        var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];

        var script = Assert.Single(ScriptTag().Matches(head)).Value;
        Assert.Matches(@"src=""/js/color-mode\.[a-z0-9]+\.js""", script);
        Assert.DoesNotContain("defer", script, StringComparison.Ordinal);
        Assert.DoesNotContain("async", script, StringComparison.Ordinal);
        Assert.Matches(@"href=""/css/site\.[a-z0-9]+\.css""", head);
        Assert.Matches(@"href=""/lib/bootstrap/dist/css/bootstrap\.min\.[a-z0-9]+\.css""", head);
    }

    [Fact]
    public async Task Every_view_links_the_same_fingerprinted_files_signed_in_or_not()
    {
        var client = _factory.CreateClient();
        var first = Head(await client.GetStringAsync("/"));
        var again = Head(await client.GetStringAsync("/?notice=signed-out"));
        var greeting = await SignInDriver.SignInAsync(client);
        var signedIn = Head(await client.GetStringAsync(greeting.OriginalString));

        Assert.Matches(@"<link rel=""stylesheet"" href=""/css/site\.[a-z0-9]+\.css"">", first);
        Assert.Equal(Links(first), Links(again));
        Assert.Equal(Links(first), Links(signedIn));
    }

    [Fact]
    public async Task Every_page_names_the_layout_itself_and_is_shown_in_it()
    {
        var client = _factory.CreateClient();
        var pages = new List<string>
        {
            await client.GetStringAsync("/"),
            await (await client.GetAsync("/auth/heroku/failed?reason=denied")).Content.ReadAsStringAsync(),
            await (await client.GetAsync("/no-such-page")).Content.ReadAsStringAsync(),
        };
        var greeting = await SignInDriver.SignInAsync(client);
        pages.Add(await client.GetStringAsync(greeting.OriginalString));

        Assert.All(pages, html =>
        {
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("Skip to main content", html, StringComparison.Ordinal);
            Assert.Contains("<main id=\"main\"", html, StringComparison.Ordinal);
        });
    }

    // There is no _ViewStart (docs/performance.md): a page view that does not name the layout itself would come out
    // unstyled, so every view that is not a partial (_Name) must, a forker's new one included.
    [Fact]
    public void Every_page_view_names_the_layout_so_a_new_one_cannot_come_out_without_it()
    {
        var views = Path.Combine(Screenshots.RepositoryRoot(), "HerokuOAuthMvc", "Views");
        var pages = Directory.GetFiles(views, "*.cshtml", SearchOption.AllDirectories)
            .Where(file => !Path.GetFileName(file).StartsWith('_'))
            .ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.True(
            File.ReadAllText(page).Contains("Layout = \"_Layout\";", StringComparison.Ordinal),
            $"{Path.GetRelativePath(views, page)} does not set Layout = \"_Layout\"; in its first @{{ }} block"));
    }

    private static string Head(string html) => html[..html.IndexOf("</head>", StringComparison.Ordinal)];

    private static string[] Links(string head) => [.. AssetTag().Matches(head).Select(m => m.Value)];

    [GeneratedRegex(@"<(script|link)[^>]*>")]
    private static partial Regex AssetTag();

    [Fact]
    public async Task Pages_carry_no_inline_style_or_script_for_the_Content_Security_Policy_to_refuse()
    {
        var client = _factory.CreateClient();
        var greeting = await SignInDriver.SignInAsync(client);

        foreach (var path in new[] { "/", greeting.OriginalString, "/auth/heroku/failed?reason=denied" })
        {
            using var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<h1", html, StringComparison.Ordinal);

            Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.All(ScriptTag().Matches(html), tag => Assert.Contains(" src=", tag.Value, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
